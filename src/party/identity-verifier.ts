// 实名认证: who the person at the link is. The default compares what the party types with the case's records
// (the name, the last six characters of the ID number or credit code); a court's real-name or face-recognition
// service plugs in by providing another IdentityVerifier (the code to the phone on file follows either way).
import type { Party } from '../cases/party.entity.js';

interface IdentityClaim {
  name: string;
  idSuffix: string;
}

interface IdentityResult {
  matched: boolean;
  /** What was checked and how, for the history (never the values typed). */
  method: string;
}

export abstract class IdentityVerifier {
  abstract verify(party: Party, claim: IdentityClaim): Promise<IdentityResult>;
}

/** Full-width letters and digits as half-width, spaces gone, upper case (身份证 X). */
export function normaliseIdentityText(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000·•]/g, '')
    .toUpperCase();
}

export class RecordsIdentityVerifier extends IdentityVerifier {
  async verify(party: Party, claim: IdentityClaim): Promise<IdentityResult> {
    const number = party.kind === 'PERSON' ? party.idNumber : party.creditCode;
    const suffix = normaliseIdentityText(claim.idSuffix);
    const matched =
      !!number &&
      suffix.length === 6 &&
      normaliseIdentityText(number).endsWith(suffix) &&
      normaliseIdentityText(party.name) === normaliseIdentityText(claim.name);
    return { matched, method: party.kind === 'PERSON' ? 'NAME_AND_ID_NUMBER_SUFFIX' : 'NAME_AND_CREDIT_CODE_SUFFIX' };
  }
}
