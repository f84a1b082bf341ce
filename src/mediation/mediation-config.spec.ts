import { ConfigFileError } from '../config/config-file.js';
import { loadMediationSettings, parseMediationSettings } from './mediation-config.js';

describe('mediation settings', () => {
  it('takes the defaults for missing keys (cap 30 days, warnings 5 days before)', () => {
    expect(parseMediationSettings({})).toEqual({ extensionCapDays: 30, warningDaysBefore: 5 });
    expect(parseMediationSettings({ $comment: 'x', warningDaysBefore: 3 })).toEqual({
      extensionCapDays: 30,
      warningDaysBefore: 3,
    });
  });

  it.each([
    [{ extensionCapDays: -1 }, 'extensionCapDays'],
    [{ extensionCapDays: 10.5 }, 'extensionCapDays'],
    [{ warningDaysBefore: '5' }, 'warningDaysBefore'],
    [{ warningDaysBefore: 31 }, 'warningDaysBefore'],
    [{ warningDays: 5 }, 'warningDays'],
    [[], 'config/mediation.json: must be a JSON object'],
  ])('refuses %j naming %s', (raw, key) => {
    expect(() => parseMediationSettings(raw)).toThrow(ConfigFileError);
    expect(() => parseMediationSettings(raw)).toThrow(key);
  });

  it('reads the shipped config/mediation.json', () => {
    expect(loadMediationSettings()).toEqual({ extensionCapDays: 30, warningDaysBefore: 5 });
  });
});
