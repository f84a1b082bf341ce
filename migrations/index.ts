// Every migration, in order. Listed explicitly so that ESM builds need no glob loading.
import { Foundation1700000000001 } from './1700000000001-foundation.js';
import { Cases1700000000002 } from './1700000000002-cases.js';
import { Assignment1700000000200 } from './1700000000200-assignment.js';

export const migrations = [Foundation1700000000001, Cases1700000000002, Assignment1700000000200];
