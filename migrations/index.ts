// Every migration, in order. Listed explicitly so that ESM builds need no glob loading.
import { Foundation1700000000001 } from './1700000000001-foundation.js';
import { Cases1700000000002 } from './1700000000002-cases.js';
import { AuthSessions1700000000003 } from './1700000000003-auth-sessions.js';
import { RateLimits1700000000004 } from './1700000000004-rate-limits.js';
import { Referral1700000000100 } from './1700000000100-referral.js';
import { Assignment1700000000200 } from './1700000000200-assignment.js';
import { Notifications1700000000300 } from './1700000000300-notifications.js';
import { Consultations1700000000301 } from './1700000000301-consultations.js';
import { IdempotencyKeysPending1700000000400 } from './1700000000400-idempotency-keys-pending.js';
import { AddressVerification1700000000401 } from './1700000000401-address-verification.js';
import { CaseBatches1700000000402 } from './1700000000402-case-batches.js';
import { CaseListIndexes1700000000403 } from './1700000000403-case-list-indexes.js';
import { Mediation1700000000500 } from './1700000000500-mediation.js';
import { Statistics1700000000600 } from './1700000000600-statistics.js';
import { DeadlineWarningIndex1700000000800 } from './1700000000800-deadline-warning-index.js';
import { StatisticsOpenCasesIndex1700000000900 } from './1700000000900-statistics-open-cases-index.js';
import { SnapshotSubsidyRates1700000000970 } from './1700000000970-snapshot-subsidy-rates.js';
import { SessionSecurity1700000001000 } from './1700000001000-session-security.js';
import { AppLoginRole1700000001100 } from './1700000001100-app-login-role.js';
import { ProvisionalDates1700000001200 } from './1700000001200-provisional-dates.js';
import { SettlementPerformanceDifficulty1700000001300 } from './1700000001300-settlement-performance-difficulty.js';
import { UnsuitableTransfer1700000001301 } from './1700000001301-unsuitable-transfer.js';
import { SubsidyDifficultyFrozenList1700000001302 } from './1700000001302-subsidy-difficulty-frozen-list.js';
import { DivisionHeads1700000001303 } from './1700000001303-division-heads.js';
import { CaseBatchProblems1700000001400 } from './1700000001400-case-batch-problems.js';
import { CourtContact1700000001500 } from './1700000001500-court-contact.js';
import { AppReadsMigrations1700000001700 } from './1700000001700-app-reads-migrations.js';
import { CourtHierarchy1700000001800 } from './1700000001800-court-hierarchy.js';
import { TokenRevocationNotify1700000001950 } from './1700000001950-token-revocation-notify.js';
import { Procedure1700000002000 } from './1700000002000-procedure.js';
import { SettlementMethods2025_1700000002001 } from './1700000002001-settlement-methods-2025.js';
import { ProcedureNamed1700000002100 } from './1700000002100-procedure-named.js';
import { FeeNotices1700000002200 } from './1700000002200-fee-notices.js';
import { JudicialConfirmationApplication1700000002300 } from './1700000002300-judicial-confirmation-application.js';
import { StatisticsProcedures1700000002400 } from './1700000002400-statistics-procedures.js';
import { RemindersScheduledSessions1700000002500 } from './1700000002500-reminders-scheduled-sessions.js';
import { PartyOnline1700000002600 } from './1700000002600-party-online.js';
import { PasswordHistory1700000002800 } from './1700000002800-password-history.js';
import { CaseFile1700000002900 } from './1700000002900-case-file.js';
import { CaseBatchWorklistIndex1700000003000 } from './1700000003000-case-batch-worklist-index.js';
import { BankAccounts1700000003001 } from './1700000003001-bank-accounts.js';
import { SecondFactor1700000003100 } from './1700000003100-second-factor.js';
import { RatingProvenance1700000003101 } from './1700000003101-rating-provenance.js';
import { HistoryInsertTime1700000003102 } from './1700000003102-history-insert-time.js';
import { Corrections1700000003300 } from './1700000003300-corrections.js';
import { LoanFacts1700000003500 } from './1700000003500-loan-facts.js';
import { CourtFilings1700000003600 } from './1700000003600-court-filings.js';
import { AgreementSignatures1700000003800 } from './1700000003800-agreement-signatures.js';
import { PartyFactConfirmations1700000003900 } from './1700000003900-party-fact-confirmations.js';
import { PartyMessagesMediatorChoices1700000004200 } from './1700000004200-party-messages-mediator-choices.js';
import { CaseBatchRuns1700000004400 } from './1700000004400-case-batch-runs.js';
import { StatisticsEntryIndexes1700000004600 } from './1700000004600-statistics-entry-indexes.js';
import { PersonalDataReadsIndex1700000004700 } from './1700000004700-personal-data-reads-index.js';
import { CaseFilePackages1700000004750 } from './1700000004750-case-file-packages.js';
import { FilePackageFailures1700000004760 } from './1700000004760-file-package-failures.js';
import { StatisticsPageIndexes1700000004900 } from './1700000004900-statistics-page-indexes.js';

export const migrations = [
  Foundation1700000000001,
  Cases1700000000002,
  AuthSessions1700000000003,
  RateLimits1700000000004,
  Referral1700000000100,
  Assignment1700000000200,
  Notifications1700000000300,
  Consultations1700000000301,
  IdempotencyKeysPending1700000000400,
  AddressVerification1700000000401,
  CaseBatches1700000000402,
  CaseListIndexes1700000000403,
  Mediation1700000000500,
  Statistics1700000000600,
  DeadlineWarningIndex1700000000800,
  StatisticsOpenCasesIndex1700000000900,
  SnapshotSubsidyRates1700000000970,
  SessionSecurity1700000001000,
  AppLoginRole1700000001100,
  ProvisionalDates1700000001200,
  SettlementPerformanceDifficulty1700000001300,
  UnsuitableTransfer1700000001301,
  SubsidyDifficultyFrozenList1700000001302,
  DivisionHeads1700000001303,
  CaseBatchProblems1700000001400,
  CourtContact1700000001500,
  AppReadsMigrations1700000001700,
  CourtHierarchy1700000001800,
  TokenRevocationNotify1700000001950,
  Procedure1700000002000,
  SettlementMethods2025_1700000002001,
  ProcedureNamed1700000002100,
  FeeNotices1700000002200,
  JudicialConfirmationApplication1700000002300,
  StatisticsProcedures1700000002400,
  RemindersScheduledSessions1700000002500,
  PartyOnline1700000002600,
  PasswordHistory1700000002800,
  CaseFile1700000002900,
  CaseBatchWorklistIndex1700000003000,
  BankAccounts1700000003001,
  SecondFactor1700000003100,
  RatingProvenance1700000003101,
  HistoryInsertTime1700000003102,
  Corrections1700000003300,
  LoanFacts1700000003500,
  CourtFilings1700000003600,
  AgreementSignatures1700000003800,
  PartyFactConfirmations1700000003900,
  PartyMessagesMediatorChoices1700000004200,
  CaseBatchRuns1700000004400,
  StatisticsEntryIndexes1700000004600,
  PersonalDataReadsIndex1700000004700,
  CaseFilePackages1700000004750,
  FilePackageFailures1700000004760,
  StatisticsPageIndexes1700000004900,
];
