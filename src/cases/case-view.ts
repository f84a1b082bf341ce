import { formatYuan } from '../common/money.js';
import { maskIdNumber, maskPhone } from '../common/personal-data.js';
import { CASE_STATUS_LABELS } from './case-status.js';
import { PROCEDURE_LABELS } from './procedure.js';
import type { Case } from './case.entity.js';
import type { Party } from './party.entity.js';

/** The party columns a view shows (an entity, or a row selected as these names). */
export type PartyViewSource = Pick<
  Party,
  | 'id'
  | 'role'
  | 'kind'
  | 'name'
  | 'idNumber'
  | 'creditCode'
  | 'legalRepresentative'
  | 'phone'
  | 'address'
  | 'serviceAddress'
  | 'addressVerification'
  | 'addressVerificationResult'
  | 'addressVerifiedAt'
> &
  Partial<Pick<Party, 'loanRole'>>;

/** The case columns a view shows (an entity, or a row selected as these names). */
export type CaseViewSource = Pick<
  Case,
  | 'id'
  | 'courtId'
  | 'caseType'
  | 'procedure'
  | 'trialProcedure'
  | 'materialsReceivedOn'
  | 'status'
  | 'claimAmountFen'
  | 'claims'
  | 'source'
  | 'externalRef'
  | 'registeredBy'
  | 'registeredAt'
  | 'addressVerified'
  | 'noticeIssuedAt'
  | 'prelitigationNumber'
  | 'consentedOn'
  | 'referredAt'
  | 'mediationDeadline'
  | 'mediationDeadlineProvisional'
  | 'extensionDaysTotal'
  | 'mediatorId'
  | 'organizationId'
  | 'assignedAt'
  | 'outcome'
  | 'concludedAt'
  | 'filingNumber'
  | 'transferredAt'
  | 'version'
>;

function partyView(party: PartyViewSource) {
  return {
    id: party.id,
    role: party.role,
    kind: party.kind,
    name: party.name,
    idNumber: maskIdNumber(party.idNumber),
    creditCode: party.creditCode,
    legalRepresentative: party.legalRepresentative,
    phone: maskPhone(party.phone),
    address: party.address,
    serviceAddress: party.serviceAddress,
    addressVerification: party.addressVerification,
    addressVerificationResult: party.addressVerificationResult,
    addressVerifiedAt: party.addressVerifiedAt,
    loanRole: party.loanRole ?? null,
  };
}

/** A case as the API shows it: money in yuan, personal numbers masked. */
export function caseView(c: CaseViewSource, parties?: PartyViewSource[]) {
  return {
    id: c.id,
    courtId: c.courtId,
    caseType: c.caseType,
    procedure: c.procedure,
    procedureLabel: PROCEDURE_LABELS[c.procedure],
    trialProcedure: c.trialProcedure,
    status: c.status,
    statusLabel: CASE_STATUS_LABELS[c.status],
    claimAmount: formatYuan(c.claimAmountFen),
    claims: c.claims,
    source: c.source,
    externalRef: c.externalRef,
    registeredBy: c.registeredBy,
    registeredAt: c.registeredAt,
    addressVerified: c.addressVerified,
    noticeIssuedAt: c.noticeIssuedAt,
    prelitigationNumber: c.prelitigationNumber,
    consentedOn: c.consentedOn,
    referredAt: c.referredAt,
    materialsReceivedOn: c.materialsReceivedOn,
    mediationDeadline: c.mediationDeadline,
    /** 暂定: the deadline reaches a year whose holiday schedule is not yet entered (weekends only). */
    deadlineProvisional: c.mediationDeadlineProvisional,
    deadlineProvisionalReason: provisionalReason(c),
    extensionDaysTotal: c.extensionDaysTotal,
    mediatorId: c.mediatorId,
    organizationId: c.organizationId,
    assignedAt: c.assignedAt,
    outcome: c.outcome,
    concludedAt: c.concludedAt,
    filingNumber: c.filingNumber,
    transferredAt: c.transferredAt,
    version: c.version,
    ...(parties ? { parties: parties.map(partyView) } : {}),
  };
}

export type CaseView = ReturnType<typeof caseView>;

/** A case's 司法确认 as the case shows it (the application and the ruling on it, once made). */
export interface CaseJudicialConfirmationSource<D extends string = string> {
  /** The application's 民特 number (null for a confirmation of the old procedure recorded in one go). */
  applicationNumber: string | null;
  appliedOn: string;
  decision: D | null;
  decidedOn: string | null;
}

/** The same, and whether the agreement can now be enforced: a confirmed one can (可申请强制执行). */
export function caseJudicialConfirmationView<D extends string>(j: CaseJudicialConfirmationSource<D>) {
  return {
    applicationNumber: j.applicationNumber,
    appliedOn: j.appliedOn,
    decision: j.decision,
    decidedOn: j.decidedOn,
    enforceable: j.decision === 'CONFIRMED',
  };
}

/** Why a case's deadline is provisional (暂定), for people; null when it is not. */
function provisionalReason(c: Pick<Case, 'mediationDeadline' | 'mediationDeadlineProvisional'>) {
  if (!c.mediationDeadlineProvisional || !c.mediationDeadline) return null;
  const year = c.mediationDeadline.slice(0, 4);
  return `${year}年法定节假日安排尚未录入，暂按仅周末休息计算；录入后将自动重新计算`;
}

/** The loan facts a batch case carries (the columns a view reads). */
export type CaseLoanSource = Pick<Case, 'loanContractNo' | 'loanPrincipalFen' | 'loanInterestFen' | 'loanOverdueSince'>;

/** A bank's loan as the case shows it (amounts in yuan); null for a case that has none of its facts. */
export function caseLoanView(c: CaseLoanSource) {
  if (c.loanContractNo === null && c.loanPrincipalFen === null && c.loanInterestFen === null && !c.loanOverdueSince) {
    return null;
  }
  return {
    contractNo: c.loanContractNo,
    principal: c.loanPrincipalFen === null ? null : formatYuan(c.loanPrincipalFen),
    interest: c.loanInterestFen === null ? null : formatYuan(c.loanInterestFen),
    overdueSince: c.loanOverdueSince,
  };
}
