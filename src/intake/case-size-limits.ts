// How large a case may be: the limits registration enforces (RegisterCaseDto, the batch rows through the same DTO,
// the clerk's form) and docs/intake.md states. The largest case allowed still prints its notice (one copy per
// party, each listing every party and the whole claim) within a document worker's heap:
// test/e2e/document-workers.e2e.spec.ts prints it.

/** Parties of one case: applicants, respondents and third parties together. */
export const MAX_PARTIES = 50;
/** Characters of 诉讼请求. */
export const MAX_CLAIMS_CHARS = 5000;
/** Characters of a party's name (姓名或名称). */
export const MAX_PARTY_NAME_CHARS = 100;
/** Characters of an address (住址, 送达地址). */
export const MAX_ADDRESS_CHARS = 300;
