// How large the case file may grow: one attachment, and all of a case's attachments together. Set by
// CASE_ATTACHMENT_MAX_FILE_MB and CASE_ATTACHMENT_MAX_CASE_MB (src/config/env.ts), handed in as AppOptions.
import type { AppEnv } from '../config/env.js';

export interface CaseFileLimits {
  fileBytes: number;
  caseBytes: number;
}

const MB = 1024 * 1024;

export const DEFAULT_CASE_FILE_LIMITS: CaseFileLimits = { fileBytes: 20 * MB, caseBytes: 200 * MB };

export function caseFileLimitsOf(
  env: Pick<AppEnv, 'caseAttachmentMaxFileMb' | 'caseAttachmentMaxCaseMb'>,
): CaseFileLimits {
  return { fileBytes: env.caseAttachmentMaxFileMb * MB, caseBytes: env.caseAttachmentMaxCaseMb * MB };
}

/** "20 MB", or "512 KB" under a megabyte (tests set small limits). */
export function sizeText(bytes: number): string {
  return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
