import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import type { Actor } from '../common/actor.js';
import type { UploadPart } from '../common/http/multipart.js';
import type { Party } from '../cases/party.entity.js';
import { RecordOutcomeDto } from '../mediation/outcome.dto.js';
import { AppValidationPipe } from '../common/http/validation.pipe.js';
import { ValidationFailedError, type FieldError } from '../common/errors.js';
import { RecordAnswerDto } from '../referral/party-answers.dto.js';
import { OUTCOME_OPERATIONS, OutcomesService } from '../mediation/outcomes.service.js';
import { PartyAnswersService, type RecordAnswerInput } from '../referral/party-answers.service.js';
import { ReferralNoticeService } from '../referral/referral-notice.service.js';
import { ANSWER_COLUMNS, answerSheetFile, answerTasks, type AnswerSheetLine } from './answer-sheet.js';
import { caseIndex, type BatchCaseRefs } from './batch-cases.js';
import { batchNoticesPdf } from './batch-notices-pdf.js';
import { DocumentRenderer } from '../common/document-renderer.js';
import { AuditService, type AuditEntry } from '../audit/audit.service.js';
import { batchResultFile, type ResultFormat } from './batch-result-file.js';
import { runBulk, type BatchCase, type BulkReport, type BulkStep, type BulkTask } from './bulk-runner.js';
import { BulkQueries } from './bulk-queries.js';
import { BulkRuns } from './bulk-runs.js';
import type { CaseBatch } from '../intake/case-batch.entity.js';
import type { BulkFilingDto, BulkJudicialConfirmationDto } from './batch-steps.dto.js';
import { JudicialConfirmationService } from '../mediation/judicial-confirmation.service.js';
import { FilingTransferService } from '../referral/filing-transfer.service.js';
import { TrialFeeService } from '../trial/trial-fee.service.js';
import { OUTCOME_COLUMNS, outcomeTasks } from './outcome-sheet.js';
import { readStepSheet, type SheetLine } from './step-sheet.js';

/**
 * 批量处理: a step over the cases of one batch, each case through the single request's service method, reported
 * per case (bulk-runner.ts). The bulk steps are the table below: a new one is one more entry naming the table's
 * operations and the service method.
 */
/** Why the outcomes of a settlement list are recorded for the cases' mediators (代为录入). */
const BULK_OUTCOMES_REASON = '按申请人提交的调解结果清单批量登记';

@Injectable()
export class BatchStepsService {
  private readonly steps: {
    notices: BulkStep<undefined>;
    answers: BulkStep<RecordAnswerInput>;
    outcomes: BulkStep<RecordOutcomeDto>;
    judicialConfirmationApplications: BulkStep<BulkJudicialConfirmationDto>;
    filings: BulkStep<BulkFilingDto>;
    transfersToTrial: BulkStep<undefined>;
  };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: BulkQueries,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
    notices: ReferralNoticeService,
    answers: PartyAnswersService,
    outcomes: OutcomesService,
    confirmations: JudicialConfirmationService,
    filings: FilingTransferService,
    trial: TrialFeeService,
    private readonly documents: DocumentRenderer,
    private readonly audit: AuditService,
    private readonly runs: BulkRuns,
  ) {
    /** Mediation did not end the case: the statuses a suit or a trial follows from (not one never mediated). */
    const unsettled = (c: BatchCase) => c.status === 'REFUSED' || c.status === 'FAILED' || c.status === 'EXPIRED';
    this.steps = {
      // A bulk run issues first notices only; a new version of one stays a single case's request.
      notices: {
        name: 'notices',
        operations: ['issueNotice'],
        wanted: (c) => c.status === 'REGISTERED',
        take: async (a, c) => (await notices.issue(a, c.id, { version: c.version })).case,
      },
      answers: {
        name: 'answers',
        operations: ['recordAnswer'],
        take: async (a, c, input) => {
          const body = await asRequestBody(RecordAnswerDto, { ...input, version: c.version });
          return (await answers.record(a, c.id, body)).case;
        },
      },
      outcomes: {
        name: 'outcomes',
        operations: (input) => [OUTCOME_OPERATIONS[input.result]],
        take: async (a, c, input) => {
          // The coordinator enters the applicant's list for the mediators (代为录入): the list is the reason.
          const body = await asRequestBody(RecordOutcomeDto, {
            ...input,
            version: c.version,
            onBehalfReason: input.onBehalfReason ?? BULK_OUTCOMES_REASON,
          });
          const done = await outcomes.record(a, c.id, body);
          return { version: done.caseVersion, status: done.caseStatus };
        },
      },
      judicialConfirmationApplications: {
        name: 'judicial-confirmation-applications',
        operations: ['applyJudicialConfirmation'],
        take: async (a, c, input) => {
          const done = await confirmations.apply(a, c.id, { ...input, version: c.version });
          return { version: done.caseVersion, status: c.status };
        },
      },
      filings: {
        name: 'filings',
        operations: ['fileSuit'],
        wanted: unsettled,
        take: async (a, c, input) => (await filings.file(a, c.id, { ...input, version: c.version })).case,
      },
      transfersToTrial: {
        name: 'transfers-to-trial',
        operations: ['transferToTrial'],
        wanted: unsettled,
        take: async (a, c) => trial.transferToTrial(a, c.id, { version: c.version }),
      },
    };
  }

  /** 批量发送告知书: every case of the batch still waiting for its notice. */
  issueNotices(actor: Actor, batchId: string): Promise<BulkReport> {
    return this.eachCase(actor, batchId, undefined, this.steps.notices);
  }

  /** 批量登记当事人意见 from a returned sheet, row by row. */
  recordAnswers(actor: Actor, batchId: string, parts: AsyncIterable<UploadPart>): Promise<BulkReport> {
    return this.run(actor, batchId, this.steps.answers, async (batch) => {
      // The upload is read first, then the batch's cases: their versions as close to the run as can be.
      const lines = await readStepSheet(parts, ANSWER_COLUMNS);
      const cases = await this.queries.batchCases(actor, batch.id);
      const find = caseIndex(cases);
      const byCase = groupByCase(await this.queries.partiesOfCases(cases.map((c) => c.id)));
      const elsewhere = await this.elsewhere(actor, lines, find);
      const tasks = answerTasks(lines, { find, partiesOf: (caseId) => byCase.get(caseId) ?? [], elsewhere });
      return { cases, tasks };
    });
  }

  /** 批量登记调解结果 from the bank's settlement list, row by row. */
  recordOutcomes(actor: Actor, batchId: string, parts: AsyncIterable<UploadPart>): Promise<BulkReport> {
    return this.run(actor, batchId, this.steps.outcomes, async (batch) => {
      const lines = await readStepSheet(parts, OUTCOME_COLUMNS);
      const cases = await this.queries.batchCases(actor, batch.id);
      const find = caseIndex(cases);
      return { cases, tasks: outcomeTasks(lines, find, await this.elsewhere(actor, lines, find)) };
    });
  }

  /** 批量申请司法确认 for the batch's settled cases whose procedure has it (非诉调解, the old procedure). */
  judicialConfirmationApplications(actor: Actor, batchId: string, input: BulkJudicialConfirmationDto) {
    return this.eachCase(actor, batchId, input, this.steps.judicialConfirmationApplications);
  }

  /** 批量起诉立案 of the batch's voluntary cases that mediation did not settle (refused, failed, expired). */
  fileSuits(actor: Actor, batchId: string, input: BulkFilingDto) {
    return this.eachCase(actor, batchId, input, this.steps.filings);
  }

  /** 批量转入审理 (交费通知) of the batch's 先行调解 cases that mediation did not settle. */
  transfersToTrial(actor: Actor, batchId: string) {
    return this.eachCase(actor, batchId, undefined, this.steps.transfersToTrial);
  }

  /** The answer sheet to send out, prefilled with every party of the batch still to answer. */
  async answerSheet(actor: Actor, batchId: string, format: 'xlsx' | 'csv') {
    const batch = await this.queries.batch(actor, batchId);
    const waiting = (await this.queries.batchCases(actor, batch.id)).filter((c) => c.status === 'NOTICE_ISSUED');
    const done = new Set(await this.queries.answeredPartyIds(waiting.map((c) => c.id)));
    const byCase = groupByCase(await this.queries.partiesOfCases(waiting.map((c) => c.id)));
    const lines: AnswerSheetLine[] = waiting.flatMap((c) =>
      (byCase.get(c.id) ?? [])
        .filter((p) => (p.role === 'PLAINTIFF' || p.role === 'DEFENDANT') && !done.has(p.id))
        .map((p) => ({
          externalRef: c.externalRef,
          caseNumber: c.numbers[0] ?? null,
          partyName: p.name,
          partyRole: p.role,
        })),
    );
    return answerSheetFile(lines, format, batch.batchRef ?? batch.startedAt.toISOString().slice(0, 10));
  }

  /** Every notice of the batch as one PDF (in parts for a large batch). */
  async noticesPdf(actor: Actor, batchId: string, part: number) {
    const batch = await this.queries.batch(actor, batchId);
    return batchNoticesPdf(this.queries, actor, batch, part, this.options.jwtSecret, this.documents, (entries) =>
      this.recordPrinted(actor, entries),
    );
  }

  /** The printed notices in their cases' history: one INSERT, committed before the file goes out. */
  private async recordPrinted(actor: Actor, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.dataSource.transaction((m) => this.audit.recordMany(m, actor, entries));
  }

  /** 批次结果: the file the bank gets back. */
  async result(actor: Actor, batchId: string, format: ResultFormat) {
    const batch = await this.queries.batch(actor, batchId);
    return batchResultFile(await this.queries.resultRows(actor, batch.id), batch, format);
  }

  /** A step with one input for every case of the batch. */
  private eachCase<I>(actor: Actor, batchId: string, input: I, step: BulkStep<I>): Promise<BulkReport> {
    return this.run(actor, batchId, step, async (batch) => {
      const cases = await this.queries.batchCases(actor, batch.id);
      return { cases, tasks: cases.map((c) => ({ caseId: c.id, input })) };
    });
  }

  /**
   * One run of a step over one of the actor's batches (404 first): refused with 409 while the same step runs over
   * it, its progress recorded as it goes. `plan` reads the sheet, if any, and the cases, under the run's lock.
   */
  private async run<I>(
    actor: Actor,
    batchId: string,
    step: BulkStep<I>,
    plan: (batch: CaseBatch) => Promise<{ cases: BatchCaseRefs[]; tasks: BulkTask<I>[] }>,
  ): Promise<BulkReport> {
    const batch = await this.queries.batch(actor, batchId);
    return this.runs.exclusive(actor, batch, step.name, async (progress) => {
      const { cases, tasks } = await plan(batch);
      return runBulk(actor, batch.id, cases, tasks, step, progress);
    });
  }

  /** The references a sheet names that are not the batch's but are the court's (another batch's case). */
  private elsewhere<F extends string>(
    actor: Actor,
    lines: readonly SheetLine<F | 'externalRef' | 'caseNumber'>[],
    find: (ref: string) => unknown,
  ): Promise<Set<string>> {
    const refs = lines.map((l) => l.values.externalRef ?? l.values.caseNumber).filter((r): r is string => !!r);
    return this.queries.courtRefs(actor, [...new Set(refs.filter((r) => !find(r)))]);
  }
}

const requestBodies = new AppValidationPipe();

/**
 * A sheet's row as the single request's body, checked by its DTO through the API's own pipe: a row meets the same
 * field rules as a request (a 备注 over 500 characters is refused by row, as the request would be with 400).
 */
async function asRequestBody<T extends object>(dto: new () => T, body: object): Promise<T> {
  try {
    return (await requestBodies.transform(body, { type: 'body', metatype: dto })) as T;
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    // The row's reason in the sheet's words: the message without the API's field name before it.
    const fields = (error.details as FieldError[]).map((f) => ({
      ...f,
      message: f.message.replace(`${f.field}：`, ''),
    }));
    throw new ValidationFailedError(fields, error.message);
  }
}

function groupByCase(parties: readonly Party[]): Map<string, Party[]> {
  const byCase = new Map<string, Party[]>();
  for (const p of parties) byCase.set(p.caseId, [...(byCase.get(p.caseId) ?? []), p]);
  return byCase;
}
