// What the statistics controllers share: who reads the figures, and how a file is sent.
import { StreamableFile } from '@nestjs/common';
import { contentDisposition } from '../common/http/content-disposition.js';
import type { Role } from '../common/role.js';
import type { ExportFile } from './statistics-export.service.js';

/** Who reads the figures; the coordinator (诉调对接中心) only reads. */
export const STATISTICS_READERS: Role[] = ['STATISTICIAN', 'ADMIN', 'COORDINATOR'];

/** A streamed download under its (Chinese) file name. */
export function downloadOf(file: ExportFile): StreamableFile {
  return new StreamableFile(file.stream, {
    type: file.contentType,
    disposition: contentDisposition('attachment', file.fileName),
  });
}
