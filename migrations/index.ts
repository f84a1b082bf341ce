// Every migration, in order. Listed explicitly so that ESM builds need no glob loading.
import { Foundation1700000000001 } from './1700000000001-foundation.js';
import { Cases1700000000002 } from './1700000000002-cases.js';
import { Mediation1700000000500 } from './1700000000500-mediation.js';

export const migrations = [Foundation1700000000001, Cases1700000000002, Mediation1700000000500];
