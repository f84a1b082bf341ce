import { readFileSync } from 'node:fs';
import { ConfigError } from './env.js';
import { CONFIG_DIR, ConfigFileError, configObject, loadConfigFile } from './config-file.js';
import { PROJECT_ROOT } from './project-root.js';

describe('config files', () => {
  it('finds config/ at the project root, the folder of package.json', () => {
    expect(CONFIG_DIR).toBe(`${PROJECT_ROOT}/config`);
    expect(JSON.parse(readFileSync(`${PROJECT_ROOT}/package.json`, 'utf8')).name).toBe('mediation-platform');
  });

  it('hands the parsed file to the check and returns what it makes of it', () => {
    const seen = loadConfigFile('mediation.json', (raw, problem) => configObject(raw, problem).warningDaysBefore);
    expect(seen).toBe(5);
  });

  it('names the file and the field of a problem, as a start-up configuration error', () => {
    const load = () => loadConfigFile('mediation.json', (_raw, problem) => problem('warningDaysBefore', 'is wrong'));
    expect(load).toThrow(ConfigFileError);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow('配置错误 config/mediation.json warningDaysBefore: is wrong');
  });

  it('refuses a missing file unless the module has defaults', () => {
    const name = 'no-such-file.json';
    expect(() => loadConfigFile(name, () => 1)).toThrow(`配置错误 config/${name}: cannot be read`);
    expect(loadConfigFile(name, () => 1, { whenMissing: () => 2 })).toBe(2);
  });
});
