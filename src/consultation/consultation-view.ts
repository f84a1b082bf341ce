// How letters and replies look in the API: labels beside codes, names beside ids.
import { In, type EntityManager } from 'typeorm';
import { Division } from '../courts/division.entity.js';
import { Case } from '../cases/case.entity.js';
import { User } from '../auth/user.entity.js';
import type { ConsultationAttachment } from './consultation-attachment.entity.js';
import type { ConsultationLetter } from './consultation-letter.entity.js';
import { ConsultationReply } from './consultation-reply.entity.js';
import { ASSESSMENT_LABELS, isOverdue, LETTER_STATUS_LABELS, PRIORITY_LABELS } from './consultation-rules.js';

/** Names and related rows for a set of letters, loaded in a few queries. */
interface LetterRefs {
  cases: Map<string, Case>;
  userNames: Map<string, string>;
  divisionNames: Map<string, string>;
  /** Every reply version per letter, oldest first. */
  replies: Map<string, ConsultationReply[]>;
}

export async function loadLetterRefs(manager: EntityManager, letters: ConsultationLetter[]): Promise<LetterRefs> {
  const ids = letters.map((l) => l.id);
  const replies = ids.length
    ? await manager.find(ConsultationReply, {
        where: { letterId: In(ids) },
        order: { letterId: 'ASC', version: 'ASC' },
      })
    : [];
  const caseIds = [...new Set(letters.map((l) => l.caseId))];
  const userIds = [...new Set([...letters.map((l) => l.senderUserId), ...replies.map((r) => r.officerUserId)])];
  const divisionIds = [...new Set(letters.map((l) => l.senderDivisionId))];
  const [cases, users, divisions] = await Promise.all([
    caseIds.length ? manager.findBy(Case, { id: In(caseIds) }) : [],
    userIds.length ? manager.findBy(User, { id: In(userIds) }) : [],
    divisionIds.length ? manager.findBy(Division, { id: In(divisionIds) }) : [],
  ]);
  const byLetter = new Map<string, ConsultationReply[]>();
  for (const reply of replies) byLetter.set(reply.letterId, [...(byLetter.get(reply.letterId) ?? []), reply]);
  return {
    cases: new Map(cases.map((c) => [c.id, c])),
    userNames: new Map(users.map((u) => [u.id, u.displayName])),
    divisionNames: new Map(divisions.map((d) => [d.id, d.name])),
    replies: byLetter,
  };
}

function replyView(reply: ConsultationReply, refs: LetterRefs, current: boolean) {
  return {
    id: reply.id,
    version: reply.version,
    current,
    assessment: reply.assessment,
    assessmentLabel: ASSESSMENT_LABELS[reply.assessment],
    opinion: reply.opinion,
    suggestions: reply.suggestions,
    officer: { userId: reply.officerUserId, name: refs.userNames.get(reply.officerUserId) ?? null },
    repliedAt: reply.repliedAt,
    correctionReason: reply.correctionReason,
  };
}

function currentReply(letter: ConsultationLetter, refs: LetterRefs) {
  const versions = refs.replies.get(letter.id) ?? [];
  const latest = versions[versions.length - 1];
  return latest ? replyView(latest, refs, true) : null;
}

/** A letter in a list (inbox, outbox, case page), with its current reply. */
export function letterSummaryView(letter: ConsultationLetter, refs: LetterRefs, today: string) {
  const c = refs.cases.get(letter.caseId);
  return {
    id: letter.id,
    letterNumber: letter.letterNumber,
    caseId: letter.caseId,
    caseNumber: c ? (c.filingNumber ?? c.prelitigationNumber) : null,
    caseType: c?.caseType ?? null,
    priority: letter.priority,
    priorityLabel: PRIORITY_LABELS[letter.priority],
    status: letter.status,
    statusLabel: LETTER_STATUS_LABELS[letter.status],
    overdue: isOverdue(letter, today),
    sentAt: letter.sentAt,
    dueOn: letter.dueOn,
    /** 暂定: counted with weekends only, a year's calendar not yet entered; recomputed when it is. */
    dueOnProvisional: letter.dueOnProvisional,
    repliedAt: letter.repliedAt,
    workingDaysToReply: letter.workingDaysToReply,
    sender: {
      userId: letter.senderUserId,
      name: refs.userNames.get(letter.senderUserId) ?? null,
      divisionId: letter.senderDivisionId,
      divisionName: refs.divisionNames.get(letter.senderDivisionId) ?? null,
    },
    currentReply: currentReply(letter, refs),
    version: letter.version,
  };
}

export function attachmentView(a: ConsultationAttachment) {
  return {
    id: a.id,
    originalName: a.originalName,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    uploadedAt: a.uploadedAt,
  };
}

/** One letter in full: questions, attachments and every reply version (latest marked current). */
export function letterDetailView(
  letter: ConsultationLetter,
  refs: LetterRefs,
  attachments: ConsultationAttachment[],
  today: string,
) {
  const c = refs.cases.get(letter.caseId);
  const versions = refs.replies.get(letter.id) ?? [];
  return {
    ...letterSummaryView(letter, refs, today),
    case: c
      ? {
          id: c.id,
          caseType: c.caseType,
          status: c.status,
          prelitigationNumber: c.prelitigationNumber,
          filingNumber: c.filingNumber,
        }
      : null,
    questions: letter.questions,
    otherQuestion: letter.otherQuestion,
    sentOn: letter.sentOn,
    repliedOn: letter.repliedOn,
    attachments: attachments.map(attachmentView),
    replies: versions.map((r, i) => replyView(r, refs, i === versions.length - 1)),
  };
}
