// What the statistics controllers share: how a file is sent.
import { fileResponse } from '../common/http/file-response.js';
import { StreamableFile } from '@nestjs/common';
import type { ExportFile } from './statistics-export.service.js';

/** A streamed download under its (Chinese) file name. */
export function downloadOf(file: ExportFile): StreamableFile {
  return fileResponse(file.stream, file.contentType, file.fileName);
}
