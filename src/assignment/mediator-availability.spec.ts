import { isAvailable, unavailableReason } from './mediator-availability.js';

const mediator = { active: true, activeFrom: '2026-01-01', activeUntil: '2026-12-31' };
const organization = { active: true };

describe('mediator availability', () => {
  it('is available inside the appointment period, both ends included', () => {
    for (const today of ['2026-01-01', '2026-06-15', '2026-12-31']) {
      expect(isAvailable({ mediator, organization, today })).toBe(true);
    }
  });

  it('is not available before or after the period', () => {
    expect(unavailableReason({ mediator, organization, today: '2025-12-31' })).toContain('2026-01-01');
    expect(unavailableReason({ mediator, organization, today: '2027-01-01' })).toContain('届满');
  });

  it('has no end when activeUntil is empty', () => {
    expect(isAvailable({ mediator: { ...mediator, activeUntil: null }, organization, today: '2040-01-01' })).toBe(true);
  });

  it('is not available when deactivated, or when the organization is', () => {
    expect(unavailableReason({ mediator: { ...mediator, active: false }, organization, today: '2026-06-01' })).toBe(
      '该调解员已停用',
    );
    expect(unavailableReason({ mediator, organization: { active: false }, today: '2026-06-01' })).toContain('组织');
  });
});
