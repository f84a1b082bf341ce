// The words of the 民事裁定书 of a 司法确认 (judicial-ruling-pdf.ts prints them): who applies and what the court
// decides. Plain data and text, used where the ruling is recorded as well as in the document worker.
import type { Party } from '../cases/party.entity.js';
import { chineseDate } from '../referral/notice-text.js';
import type { ConfirmationDecision } from './judicial-confirmation.entity.js';

export interface RulingParty {
  name: string;
  legalRepresentative: string | null;
  address: string | null;
}

export interface RulingDocument {
  courtName: string;
  /** The application's 民特 number (or the typed ruling number of a confirmation recorded in one go). */
  number: string;
  parties: RulingParty[];
  organizationName: string | null;
  agreedOn: string;
  appliedOn: string;
  agreement: string;
  decision: ConfirmationDecision;
  decidedOn: string;
  judgeName: string | null;
}

/** An applicant as the ruling names them: name, legal representative, address (no identity number). */
export function rulingParty(p: Pick<Party, 'kind' | 'name' | 'legalRepresentative' | 'address'>): RulingParty {
  return {
    name: p.name,
    legalRepresentative: p.kind === 'ORGANIZATION' ? p.legalRepresentative : null,
    address: p.address,
  };
}

/** What the court decides, in the ruling's words. */
export function rulingText(d: Pick<RulingDocument, 'decision' | 'parties' | 'agreedOn' | 'organizationName'>): {
  reasoning: string;
  ruling: string;
  after: string;
} {
  const names = d.parties.map((p) => p.name).join('与');
  const where = d.organizationName ? `经${d.organizationName}主持调解` : '经调解';
  if (d.decision === 'CONFIRMED') {
    return {
      reasoning:
        '本院经审查认为，申请人达成的调解协议符合司法确认的条件。依照《中华人民共和国民事诉讼法》第二百零五条、第二百零六条之规定，裁定如下：',
      ruling: `申请人${names}于${chineseDate(d.agreedOn)}${where}达成的调解协议有效。`,
      after:
        '当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行。',
    };
  }
  return {
    reasoning:
      '本院经审查认为，申请人的司法确认申请不符合法律规定的条件。依照《中华人民共和国民事诉讼法》第二百零五条、第二百零六条之规定，裁定如下：',
    ruling: `驳回申请人${names}的司法确认申请。`,
    after: '当事人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼。',
  };
}
