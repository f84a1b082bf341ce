// The service tier's builders (aCourt, aCase...) on an app started for HTTP tests: the same services, the test's
// clock, so an e2e or browser test puts its cases into a status the way production does.
import type { ManualClock } from '../../src/common/clock.js';
import { caseBuilders } from './case-builders.js';
import type { TestApp } from './test-app.js';

export function buildersOn(
  t: Pick<TestApp, 'app' | 'dataSource' | 'databaseUrl' | 'ownerUrl' | 'close'>,
  clock: ManualClock,
) {
  return caseBuilders({
    app: t.app,
    dataSource: t.dataSource,
    clock,
    databaseUrl: t.databaseUrl,
    ownerUrl: t.ownerUrl,
    get: (type) => t.app.get(type),
    close: () => t.close(),
  });
}
