import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { RuleViolationError } from '../common/errors.js';
import type { CaseStatus } from '../cases/case-status.js';
import { hashRatingCode, normaliseRatingCode } from '../referral/rating-code.js';
import { PartyRating } from './party-rating.entity.js';
import type { RatingOrigin } from './rating-origin.js';
import type { PublicRatingDto } from './statistics.dto.js';

/** A party rates once the case has ended (结案 or 转立案). */
const RATEABLE_STATUSES: readonly CaseStatus[] = ['SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED', 'TRANSFERRED'];

/**
 * One answer for every code that cannot be used now (wrong, used, case not yet
 * ended), so that the answer never tells whether a code exists.
 */
const ratingCodeInvalid = () =>
  new RuleViolationError(
    'RATING_CODE_INVALID',
    '评价码无效：请核对告知书上的评价码；每个评价码只能在案件办结后使用一次',
  );

/** Control characters other than line breaks are dropped; the text is kept as written otherwise. */
function cleanComment(comment: string | undefined): string | null {
  if (comment === undefined) return null;
  const lines = comment.replace(/\r\n?/g, '\n');
  const cleaned = [...lines]
    .filter((ch) => ch === '\n' || (ch >= ' ' && ch !== '\u007f'))
    .join('')
    .trim();
  return cleaned.length > 0 ? cleaned : null;
}

interface CodeRow {
  party_id: string;
  case_id: string;
  court_id: string;
  used_at: Date | null;
  status: CaseStatus;
}

/** 群众评价: a party rates the service with the one-time code printed on their notice, without an account. */
@Injectable()
export class PublicRatingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  rate(dto: PublicRatingDto, origin: RatingOrigin) {
    const code = normaliseRatingCode(dto.code);
    if (!code) throw ratingCodeInvalid();
    const comment = cleanComment(dto.comment);
    return this.dataSource.transaction(async (m) => {
      // The code row is locked: two submissions of one code give one rating.
      const [row]: CodeRow[] = await m.query(
        `SELECT rc.party_id, rc.case_id, rc.court_id, rc.used_at, c.status
         FROM party_rating_codes rc JOIN cases c ON c.id = rc.case_id
         WHERE rc.code_hash = $1
         FOR UPDATE OF rc`,
        [hashRatingCode(code)],
      );
      if (!row || row.used_at !== null || !RATEABLE_STATUSES.includes(row.status)) throw ratingCodeInvalid();
      const now = this.clock.now();
      await m.insert(PartyRating, {
        partyId: row.party_id,
        caseId: row.case_id,
        courtId: row.court_id,
        score: dto.score,
        comment,
        ratedAt: now,
        clientAddress: origin.clientAddress,
        requestId: origin.requestId,
        doubt: origin.doubt,
      });
      await m.query('UPDATE party_rating_codes SET used_at = $2 WHERE party_id = $1', [row.party_id, now]);
      await this.audit.record(m, null, {
        courtId: row.court_id,
        subjectType: 'CASE',
        subjectId: row.case_id,
        action: 'PARTY_RATED',
        clientAddress: origin.clientAddress ?? undefined,
        requestId: origin.requestId ?? undefined,
        after: {
          partyId: row.party_id,
          score: dto.score,
          hasComment: comment !== null,
          ...(origin.doubt ? { doubt: origin.doubt } : {}),
        },
      });
      return { rated: true, score: dto.score, ratedAt: now };
    });
  }
}
