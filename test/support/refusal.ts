// The service tier's way to look at a refused step: the DomainError it threw (its status, code, details and
// message are what the HTTP layer answers), failing the test when the step succeeded or threw something else.
import { DomainError } from '../../src/common/errors.js';

export async function refusalOf(step: Promise<unknown>): Promise<DomainError> {
  const error = await step.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}
