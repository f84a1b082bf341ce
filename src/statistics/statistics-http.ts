// What the statistics controllers share: who reads the figures, and how a file is sent.
import { fileResponse } from '../common/http/file-response.js';
import { StreamableFile } from '@nestjs/common';
import type { Role } from '../common/role.js';
import type { ExportFile } from './statistics-export.service.js';

/** Who reads the figures; the coordinator (诉调对接中心) only reads. */
export const STATISTICS_READERS: Role[] = ['STATISTICIAN', 'ADMIN', 'COORDINATOR'];

/** A streamed download under its (Chinese) file name. */
export function downloadOf(file: ExportFile): StreamableFile {
  return fileResponse(file.stream, file.contentType, file.fileName);
}
