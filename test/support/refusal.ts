// The service tier's way to look at a refused step: the DomainError it threw (its status, code, details and
// message are what the HTTP layer answers), failing the test when the step succeeded or threw something else.
// A step whose service checks its input before it returns a promise is passed as a function.
import { DomainError } from '../../src/common/errors.js';

export async function refusalOf(step: Promise<unknown> | (() => unknown)): Promise<DomainError> {
  const error = await (async () => (typeof step === 'function' ? step() : step))().then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}
