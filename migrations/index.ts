// Every migration, in order. Listed explicitly so that ESM builds need no glob loading.
import { Foundation1700000000001 } from './1700000000001-foundation.js';
import { Cases1700000000002 } from './1700000000002-cases.js';
import { IdempotencyKeysPending1700000000400 } from './1700000000400-idempotency-keys-pending.js';
import { AddressVerification1700000000401 } from './1700000000401-address-verification.js';
import { CaseBatches1700000000402 } from './1700000000402-case-batches.js';
import { CaseListIndexes1700000000403 } from './1700000000403-case-list-indexes.js';

export const migrations = [
  Foundation1700000000001,
  Cases1700000000002,
  IdempotencyKeysPending1700000000400,
  AddressVerification1700000000401,
  CaseBatches1700000000402,
  CaseListIndexes1700000000403,
];
