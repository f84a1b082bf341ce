// Every migration, in order. Listed explicitly so that ESM builds need no glob loading.
import { Foundation1700000000001 } from './1700000000001-foundation.js';
import { Cases1700000000002 } from './1700000000002-cases.js';
import { Notifications1700000000300 } from './1700000000300-notifications.js';
import { Consultations1700000000301 } from './1700000000301-consultations.js';

export const migrations = [
  Foundation1700000000001,
  Cases1700000000002,
  Notifications1700000000300,
  Consultations1700000000301,
];
