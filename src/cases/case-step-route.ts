// The decorator of a handler that takes a case step: who may call it is the transition table's (stepRoles), never
// a permission of src/auth/permissions.ts, so a step's roles are said once, in the table.
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ROLES_KEY } from '../common/http/route-access.js';
import { stepRoles, type CaseOperation } from './case-state-machine.js';

export const STEPS_KEY = 'auth:steps';

/** A handler that takes a case step (the case decides which of `operations`): the transition table's roles. */
export const Step = (...operations: CaseOperation[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, stepRoles(...operations)), SetMetadata(STEPS_KEY, operations));
