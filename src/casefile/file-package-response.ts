// The package as a download, for the API and the page alike: a stored package (handed over with the transfer)
// goes out with its length and its SHA-256 (ETag, Digest and Repr-Digest), so that the court's case system can
// check what it received; `X-Case-File-Package` says whether it is the stored one or a preview built now.
import type { FastifyReply } from 'fastify';
import { fileResponse } from '../common/http/file-response.js';
import type { FilePackage } from './file-package.service.js';

export function filePackageResponse(built: FilePackage, reply: FastifyReply) {
  reply.header('X-Case-File-Package', built.kind);
  if (built.sha256 && built.size !== null) {
    const base64 = Buffer.from(built.sha256, 'hex').toString('base64');
    reply.header('ETag', `"${built.sha256}"`);
    reply.header('Digest', `sha-256=${base64}`);
    reply.header('Repr-Digest', `sha-256=:${base64}:`);
    return fileResponse(built.stream, 'application/zip', built.fileName, 'attachment', built.size);
  }
  return fileResponse(built.stream, 'application/zip', built.fileName);
}
