import { formatYuan } from '../common/money.js';
import { maskIdNumber, maskPhone } from '../common/personal-data.js';
import { CASE_STATUS_LABELS } from './case-status.js';
import type { Case } from './case.entity.js';
import type { Party } from './party.entity.js';

export function partyView(party: Party) {
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
  };
}

/** A case as the API shows it: money in yuan, personal numbers masked. */
export function caseView(c: Case, parties?: Party[]) {
  return {
    id: c.id,
    courtId: c.courtId,
    caseType: c.caseType,
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
    mediationDeadline: c.mediationDeadline,
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
