import { createRequire } from 'node:module';

export type NoticeTemplate = 'GENERAL' | 'FINANCIAL' | 'LABOUR' | 'FAMILY';

export interface CaseTypeConfig {
  name: string;
  category: 'GENERAL' | 'FINANCIAL' | 'LABOUR' | 'FAMILY' | 'SPECIAL';
  mediationSuggested: boolean;
  noticeTemplate: NoticeTemplate;
  unsuitableReason?: string;
  /** 案件难易程度 usual for the type (SIMPLE, ORDINARY, COMPLEX): the default of the outcome's; ORDINARY if absent. */
  difficulty?: string;
}

/** The configured case types (案由), from `config/case-types.json`. */
export function configuredCaseTypes(): CaseTypeConfig[] {
  const require = createRequire(import.meta.url);
  // dist/src/intake -> project root, or src/intake -> project root
  const here = new URL('.', import.meta.url).pathname;
  const root = here.includes('/dist/') ? `${here}../../../` : `${here}../../`;
  return (require(`${root}config/case-types.json`) as { caseTypes: CaseTypeConfig[] }).caseTypes;
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
