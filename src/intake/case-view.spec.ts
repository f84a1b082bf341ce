import { caseView } from '../cases/case-view.js';
import { caseListItem, caseRowView, type CaseRow, type ListedCase, type PartyJson } from './case-list-sql.js';
import type { Case } from '../cases/case.entity.js';
import type { Party } from '../cases/party.entity.js';

const CASE_A = '0b7e0f7e-8a0c-4a43-9a4e-2f0e3f1d2c3a';

/**
 * A case page's row as PostgreSQL returns it: timestamps as Dates, dates and bigints as text, the parties as
 * parsed JSON with their instant as PostgreSQL's text of it.
 */
function caseRow(id: string, parties: PartyJson[] = []): CaseRow {
  return {
    id,
    courtId: 'c0000000-0000-4000-8000-000000000001',
    caseType: '金融借款合同纠纷',
    procedure: 'LEGACY_PRE_FILING',
    trialProcedure: null,
    materialsReceivedOn: null,
    status: 'ASSIGNED',
    claimAmountFen: '5800050',
    claims: '请求判令被告归还借款',
    source: 'BATCH',
    externalRef: 'JK-1',
    registeredBy: 'u0000000-0000-4000-8000-000000000001',
    registeredAt: new Date('2026-03-10T02:00:00.123Z'),
    addressVerified: true,
    noticeIssuedAt: new Date('2026-03-11T02:00:00Z'),
    prelitigationNumber: '(2026)京0105民诉前调1号',
    consentedOn: '2026-03-12',
    referredAt: new Date('2026-03-12T03:00:00Z'),
    mediationDeadline: '2026-04-11',
    mediationDeadlineProvisional: false,
    extensionDaysTotal: 0,
    mediatorId: 'm0000000-0000-4000-8000-000000000001',
    organizationId: 'o0000000-0000-4000-8000-000000000001',
    assignedAt: new Date('2026-03-13T03:00:00Z'),
    outcome: null,
    concludedAt: null,
    filingNumber: null,
    transferredAt: null,
    version: 4,
    parties,
  };
}

function partyRow(name: string): PartyJson {
  return {
    id: `p-${name}`,
    role: 'DEFENDANT',
    kind: 'PERSON',
    name,
    idNumber: '110105199001011234',
    creditCode: null,
    legalRepresentative: null,
    phone: '13800138000',
    address: '北京市朝阳区望京街10号',
    serviceAddress: '北京市朝阳区望京街10号',
    addressVerification: 'PHONE',
    addressVerificationResult: 'CONFIRMED',
    addressVerifiedAt: '2026-03-11 09:00:00.123456+08',
  };
}

describe('case rows with their parties', () => {
  it('gives a case without parties an empty list', () => {
    expect(caseRowView(caseRow(CASE_A)).parties).toEqual([]);
  });

  it('shows rows exactly as a case page shows the entity: same keys, order and values, numbers masked', () => {
    const row = caseRow(CASE_A, [partyRow('甲'), { ...partyRow('乙'), addressVerifiedAt: null }]);
    const entity = { ...row, divisionId: null, batchId: null, mediatorUserId: 'x' } as unknown as Case;
    const party = (name: string, addressVerifiedAt: Date | null) =>
      ({ ...partyRow(name), addressVerifiedAt, caseId: CASE_A, courtId: 'c', position: 0 }) as unknown as Party;
    const item = caseRowView(row);

    expect(JSON.stringify(item)).toBe(
      JSON.stringify(caseView(entity, [party('甲', new Date('2026-03-11T01:00:00.123Z')), party('乙', null)])),
    );
    expect(item.claimAmount).toBe('58000.50');
    expect(item.statusLabel).toEqual(expect.any(String));
    expect(item.parties?.map((p) => p.name)).toEqual(['甲', '乙']);
    expect(item.parties?.[0]).toEqual({
      id: 'p-甲',
      role: 'DEFENDANT',
      kind: 'PERSON',
      name: '甲',
      idNumber: '110105********1234',
      creditCode: null,
      legalRepresentative: null,
      phone: '138****8000',
      address: '北京市朝阳区望京街10号',
      serviceAddress: '北京市朝阳区望京街10号',
      addressVerification: 'PHONE',
      addressVerificationResult: 'CONFIRMED',
      addressVerifiedAt: new Date('2026-03-11T01:00:00.123Z'),
      loanRole: null,
    });
  });
});

/** A worklist row as PostgreSQL returns it: the bigint as text, counts as numbers. */
function listedRow(overrides: Partial<ListedCase> = {}): ListedCase {
  return {
    id: CASE_A,
    caseType: '金融借款合同纠纷',
    status: 'ASSIGNED',
    procedure: 'POST_FILING',
    filingNumber: '(2026)京0105民初1号',
    prelitigationNumber: null,
    noticeNumber: '(2026)京0105诉调告字第1号',
    externalRef: 'JK-1',
    claimAmountFen: '5800050',
    registeredAt: new Date('2026-03-10T02:00:00.123Z'),
    mediationDeadline: '2027-01-08',
    deadlineProvisional: true,
    mediatorId: 'm0000000-0000-4000-8000-000000000001',
    mediatorName: '王调解',
    plaintiffNames: '某银行',
    plaintiffCount: 1,
    defendantNames: '张三、李四',
    defendantCount: 2,
    version: 4,
    cursorAt: '2026-03-10T02:00:00.123456Z',
    ...overrides,
  };
}

describe('worklist rows (list items)', () => {
  it('carries what a row shows, money in yuan, labels in Chinese, and no cursor', () => {
    const item = caseListItem(listedRow());
    expect(item).toEqual({
      id: CASE_A,
      caseType: '金融借款合同纠纷',
      status: 'ASSIGNED',
      statusLabel: expect.any(String),
      procedure: 'POST_FILING',
      procedureLabel: expect.stringContaining('先行调解'),
      filingNumber: '(2026)京0105民初1号',
      prelitigationNumber: null,
      noticeNumber: '(2026)京0105诉调告字第1号',
      externalRef: 'JK-1',
      claimAmount: '58000.50',
      registeredAt: new Date('2026-03-10T02:00:00.123Z'),
      mediationDeadline: '2027-01-08',
      deadlineProvisional: true,
      mediatorId: 'm0000000-0000-4000-8000-000000000001',
      mediatorName: '王调解',
      plaintiffs: '某银行',
      defendants: '张三、李四',
      version: 4,
    });
  });

  it('names two parties of a side and counts the rest', () => {
    const item = caseListItem(listedRow({ defendantNames: '张三、李四', defendantCount: 5 }));
    expect(item.defendants).toBe('张三、李四等5人');
  });
});
