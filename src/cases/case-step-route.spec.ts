// @Step gives a handler the transition table's roles, and the permissions that stand for a step done in bulk (or
// for the agenda of the sessions a step schedules) hold exactly that step's roles.
import 'reflect-metadata';
import { ROLES_KEY } from '../common/http/route-access.js';
import { permissionRoles, type PermissionName } from '../auth/permissions.js';
import { stepRoles, type CaseOperation } from './case-state-machine.js';
import { Step, STEPS_KEY } from './case-step-route.js';

describe('case-step routes', () => {
  it('@Step sets the roles the guard reads from the transition table, and records the steps', () => {
    class Handlers {
      @Step('recordFeePayment', 'grantFeeRelief')
      pay() {}
    }
    const { pay } = Handlers.prototype;
    expect(Reflect.getMetadata(ROLES_KEY, pay)).toEqual(stepRoles('recordFeePayment', 'grantFeeRelief'));
    expect(Reflect.getMetadata(STEPS_KEY, pay)).toEqual(['recordFeePayment', 'grantFeeRelief']);
  });

  it.each<[PermissionName, CaseOperation]>([
    ['batches.issueNotices', 'issueNotice'],
    ['batches.recordAnswers', 'recordAnswer'],
    ['batches.applyJudicialConfirmation', 'applyJudicialConfirmation'],
    ['batches.fileSuits', 'fileSuit'],
    ['batches.transferToTrial', 'transferToTrial'],
    ['notices.printServiceCopies', 'issueNotice'],
    ['agenda.ownSessions', 'scheduleSession'],
  ])('%s holds the roles of the step %s', (permission, step) => {
    expect([...permissionRoles(permission)].sort()).toEqual([...stepRoles(step)].sort());
  });
});
