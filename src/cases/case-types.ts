// The configured case types (案由), from `config/case-types.json`, read and checked once.
import { configObject, configProblem, loadConfigFile, type ConfigProblem } from '../config/config-file.js';

export const NOTICE_TEMPLATES = ['GENERAL', 'FINANCIAL', 'LABOUR', 'FAMILY'] as const;
export type NoticeTemplate = (typeof NOTICE_TEMPLATES)[number];

const CATEGORIES = ['GENERAL', 'FINANCIAL', 'LABOUR', 'FAMILY', 'SPECIAL'] as const;

export interface CaseTypeConfig {
  name: string;
  category: (typeof CATEGORIES)[number];
  mediationSuggested: boolean;
  noticeTemplate: NoticeTemplate;
  unsuitableReason?: string;
  /** 案件难易程度 usual for the type (SIMPLE, ORDINARY, COMPLEX): the default of the outcome's; ORDINARY if absent. */
  difficulty?: string;
}

const FILE = 'case-types.json';

const oneOf = (list: readonly string[], value: unknown) => typeof value === 'string' && list.includes(value);
const optionalText = (value: unknown) => value === undefined || (typeof value === 'string' && value.trim() !== '');

function checkCaseType(raw: unknown, at: string, problem: ConfigProblem): CaseTypeConfig {
  const t = configObject(raw, (_field, message) => problem(at, message));
  if (typeof t.name !== 'string' || t.name.trim() === '') problem(`${at}.name`, 'must be a non-empty text');
  if (!oneOf(CATEGORIES, t.category)) problem(`${at}.category`, `must be one of ${CATEGORIES.join(', ')}`);
  if (typeof t.mediationSuggested !== 'boolean') problem(`${at}.mediationSuggested`, 'must be true or false');
  if (!oneOf(NOTICE_TEMPLATES, t.noticeTemplate)) {
    problem(`${at}.noticeTemplate`, `must be one of ${NOTICE_TEMPLATES.join(', ')}`);
  }
  if (!optionalText(t.unsuitableReason)) problem(`${at}.unsuitableReason`, 'must be a non-empty text when given');
  if (t.mediationSuggested === false && t.unsuitableReason === undefined) {
    problem(`${at}.unsuitableReason`, 'is required when mediation is not suggested');
  }
  if (!optionalText(t.difficulty)) problem(`${at}.difficulty`, 'must be a text when given');
  return t as unknown as CaseTypeConfig;
}

/** Checks the parsed file: a non-empty list of case types, each well-formed, no name twice. */
export function parseCaseTypes(raw: unknown, problem: ConfigProblem = configProblem(FILE)): CaseTypeConfig[] {
  const list = configObject(raw, problem).caseTypes;
  if (!Array.isArray(list) || list.length === 0) return problem('caseTypes', 'must be a non-empty list');
  const types = list.map((item, i) => checkCaseType(item, `caseTypes[${i}]`, problem));
  types.forEach((t, i) => {
    if (types.findIndex((u) => u.name === t.name) !== i) problem(`caseTypes[${i}].name`, `"${t.name}" appears twice`);
  });
  return types;
}

let loaded: CaseTypeConfig[] | undefined;

/** The configured case types (案由), from `config/case-types.json`; a bad file stops start-up. */
export function configuredCaseTypes(): CaseTypeConfig[] {
  loaded ??= loadConfigFile(FILE, parseCaseTypes);
  return loaded;
}

let names: readonly string[] | undefined;

/**
 * The configured case types' names (a fresh array each time). The file is read once (require's cache) and the
 * names kept: resolving the module per call was 2% of a registration's CPU (bench/README.md).
 */
export function caseTypeNames(): string[] {
  names ??= configuredCaseTypes().map((t) => t.name);
  return [...names];
}
