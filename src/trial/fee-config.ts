// The court's fee settings from `config/fees.json`, checked once at start-up: which case types are non-property
// cases (离婚, 人格权, 其他非财产, 劳动争议) and the piece amount the court charges for each, within the range of
// 《诉讼费用交纳办法》 art. 13. Every other case type is a property case.
import { formatYuan, parseYuan } from '../common/money.js';
import {
  configObject,
  configProblem,
  loadConfigFile,
  refuseUnknownKeys,
  type ConfigProblem,
} from '../config/config-file.js';
import { caseTypeNames } from '../cases/case-types.js';
import {
  FEE_KIND_LABELS,
  NON_PROPERTY_KINDS,
  NON_PROPERTY_RANGES,
  type FeeInput,
  type NonPropertyKind,
} from './acceptance-fee.js';

interface NonPropertyFee {
  kind: NonPropertyKind;
  pieceFen: bigint;
}

const FILE = 'fees.json';

function checkEntry(raw: unknown, at: string, problem: ConfigProblem): NonPropertyFee {
  const entry = configObject(raw, (_field, message) => problem(at, message));
  const kind = entry.kind;
  if (typeof kind !== 'string' || !(NON_PROPERTY_KINDS as readonly string[]).includes(kind)) {
    return problem(`${at}.kind`, `must be one of ${NON_PROPERTY_KINDS.join(', ')}`);
  }
  const parsed = parseYuan(entry.amount);
  if (!('fen' in parsed)) return problem(`${at}.amount`, `must be yuan with at most two decimals, e.g. "300.00"`);
  const range = NON_PROPERTY_RANGES[kind as NonPropertyKind];
  if (parsed.fen < range.min || parsed.fen > range.max) {
    return problem(
      `${at}.amount`,
      `must be within the legal range of ${FEE_KIND_LABELS[kind as NonPropertyKind]}: ${formatYuan(range.min)} to ${formatYuan(range.max)} yuan`,
    );
  }
  const unknown = Object.keys(entry).filter((key) => key !== 'kind' && key !== 'amount');
  if (unknown.length > 0) problem(`${at}.${unknown[0]}`, 'is not a known setting');
  return { kind: kind as NonPropertyKind, pieceFen: parsed.fen };
}

/** Checks the parsed file against the configured case types (a name not among them is a typo). */
export function parseFeeSettings(
  raw: unknown,
  problem: ConfigProblem = configProblem(FILE),
  knownCaseTypes: readonly string[] = caseTypeNames(),
): FeeSettings {
  const record = configObject(raw, problem);
  refuseUnknownKeys(record, ['caseTypes'], problem);
  const caseTypes = configObject(record.caseTypes ?? {}, (_field, message) => problem('caseTypes', message));
  const entries = new Map<string, NonPropertyFee>();
  for (const [name, entry] of Object.entries(caseTypes)) {
    if (!knownCaseTypes.includes(name)) problem(`caseTypes.${name}`, 'is not a case type of config/case-types.json');
    entries.set(name, checkEntry(entry, `caseTypes.${name}`, problem));
  }
  return new FeeSettings(entries);
}

/** The checked settings: what the fee of a case of a given type is computed from. */
export class FeeSettings {
  constructor(private readonly nonPropertyTypes: ReadonlyMap<string, NonPropertyFee>) {}

  /** The non-property kind and piece amount of a case type; undefined for a property case. */
  nonPropertyFee(caseType: string): FeeInput['nonProperty'] {
    return this.nonPropertyTypes.get(caseType);
  }
}

/** Reads and checks `config/fees.json`; without the file every case type is a property case. */
export function loadFeeSettings(): FeeSettings {
  return loadConfigFile(FILE, (raw, problem) => parseFeeSettings(raw, problem), {
    whenMissing: () => new FeeSettings(new Map()),
  });
}
