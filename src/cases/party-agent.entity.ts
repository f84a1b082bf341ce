import { Column, Entity, type EntityManager } from 'typeorm';
import { PartyRecord } from './case-record.js';

export const AGENT_KINDS = ['LAWYER', 'OTHER'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];
export const AGENT_KIND_LABELS: Record<AgentKind, string> = { LAWYER: '律师', OTHER: '其他委托代理人' };

/** 代理权限: 一般授权, or 特别授权 with the powers listed (民事诉讼法 art. 62). */
export const AGENT_SCOPES = ['GENERAL', 'SPECIAL'] as const;
export type AgentScope = (typeof AGENT_SCOPES)[number];
export const AGENT_SCOPE_LABELS: Record<AgentScope, string> = { GENERAL: '一般授权', SPECIAL: '特别授权' };

/** The powers a 特别授权 lists: to admit, waive or change claims, settle, counterclaim, appeal. */
export const AGENT_POWERS = ['ADMIT', 'WAIVE', 'MODIFY', 'SETTLE', 'COUNTERCLAIM', 'APPEAL'] as const;
export type AgentPower = (typeof AGENT_POWERS)[number];
export const AGENT_POWER_LABELS: Record<AgentPower, string> = {
  ADMIT: '代为承认诉讼请求',
  WAIVE: '代为放弃诉讼请求',
  MODIFY: '代为变更诉讼请求',
  SETTLE: '代为进行和解',
  COUNTERCLAIM: '代为提起反诉',
  APPEAL: '代为提起上诉',
};

/** A party's agent or lawyer (委托代理人). */
@Entity('party_agents')
export class PartyAgent extends PartyRecord {
  @Column({ type: 'text' })
  kind!: AgentKind;

  @Column({ type: 'text' })
  name!: string;

  /** 律师执业证号 (required for a lawyer). */
  @Column({ type: 'text', nullable: true })
  licenceNumber!: string | null;

  /** 律师事务所 or the agent's organization. */
  @Column({ type: 'text', nullable: true })
  firm!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text' })
  scope!: AgentScope;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  powers!: AgentPower[];

  @Column({ type: 'uuid' })
  addedBy!: string;

  @Column({ type: 'timestamptz' })
  addedAt!: Date;
}

/** The agents of a case's parties, in the order added. */
export function agentsOf(m: EntityManager, caseId: string): Promise<PartyAgent[]> {
  return m.find(PartyAgent, { where: { caseId }, order: { addedAt: 'ASC', id: 'ASC' } });
}

/** The agent as the API, the page and the documents show it. */
export function agentView(a: PartyAgent) {
  return {
    id: a.id,
    partyId: a.partyId,
    kind: a.kind,
    kindLabel: AGENT_KIND_LABELS[a.kind],
    name: a.name,
    licenceNumber: a.licenceNumber,
    firm: a.firm,
    phone: a.phone,
    scope: a.scope,
    scopeLabel: AGENT_SCOPE_LABELS[a.scope],
    powers: a.powers,
    powerLabels: a.powers.map((p) => AGENT_POWER_LABELS[p]),
    addedAt: a.addedAt,
  };
}

export type AgentView = ReturnType<typeof agentView>;

/** One line for a document: 委托代理人 张律师，北京某律师事务所律师（执业证号 …），特别授权：代为承认诉讼请求、… */
export function agentLine(
  a: Pick<PartyAgent, 'kind' | 'name' | 'licenceNumber' | 'firm' | 'scope' | 'powers'>,
): string {
  const who = [a.name, a.firm ? `${a.firm}${a.kind === 'LAWYER' ? '律师' : ''}` : a.kind === 'LAWYER' ? '律师' : null]
    .filter(Boolean)
    .join('，');
  const licence = a.licenceNumber ? `（执业证号 ${a.licenceNumber}）` : '';
  const scope =
    a.scope === 'SPECIAL' && a.powers.length > 0
      ? `特别授权：${a.powers.map((p) => AGENT_POWER_LABELS[p]).join('、')}`
      : AGENT_SCOPE_LABELS[a.scope];
  return `${who}${licence}，${scope}`;
}

/** How an agent is named on a signature line: 姓名（律师事务所）, the firm where there is one. */
export function agentSigner(a: Pick<PartyAgent, 'name' | 'firm'>): string {
  return a.firm ? `${a.name}（${a.firm}）` : a.name;
}

/** Each party's agents as named on its signature lines (agentSigner), in the order they were added. */
export function agentSignersByParty(agents: readonly PartyAgent[]): Map<string, string[]> {
  const signers = new Map<string, string[]>();
  for (const a of agents) signers.set(a.partyId, [...(signers.get(a.partyId) ?? []), agentSigner(a)]);
  return signers;
}

/** Each party's agents as document lines (agentLine), by party id, in the order added. */
export function agentLinesByParty(agents: readonly PartyAgent[]): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  for (const a of agents) lines.set(a.partyId, [...(lines.get(a.partyId) ?? []), agentLine(a)]);
  return lines;
}
