// Where the bytes of the case file live. The default keeps them in PostgreSQL, in chunks of 256 KB
// (attachment_chunks), written and read one chunk at a time: a file is never held in memory whole. Another
// store (S3-compatible) implements the same two calls; the rows of case_attachments only keep its key.
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { CasefileQueries } from './casefile-queries.js';

export interface StoredContent {
  key: string;
  sha256: string;
  size: number;
}

export abstract class AttachmentStore {
  /**
   * Stores the content as it streams in and digests it on the way. `m` is the caller's transaction: a
   * database store writes in it, so a refusal afterwards stores nothing.
   */
  abstract put(m: EntityManager, content: AsyncIterable<Buffer>): Promise<StoredContent>;
  /** The content under `key`, streamed. */
  abstract get(key: string): Readable;
}

const CHUNK_BYTES = 256 * 1024;

/** Cuts a stream of buffers of any size into buffers of `size` bytes (the last one shorter). */
async function* rechunk(content: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of content) {
    pending.push(piece);
    pendingBytes += piece.length;
    while (pendingBytes >= size) {
      const joined = Buffer.concat(pending, pendingBytes);
      yield joined.subarray(0, size);
      pending = [joined.subarray(size)];
      pendingBytes -= size;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

@Injectable()
export class PostgresAttachmentStore extends AttachmentStore {
  constructor(private readonly queries: CasefileQueries) {
    super();
  }

  async put(m: EntityManager, content: AsyncIterable<Buffer>): Promise<StoredContent> {
    const key = randomUUID();
    const hash = createHash('sha256');
    let size = 0;
    let seq = 0;
    for await (const chunk of rechunk(content, CHUNK_BYTES)) {
      hash.update(chunk);
      size += chunk.length;
      await m.query('INSERT INTO attachment_chunks (content_key, seq, data) VALUES ($1, $2, $3)', [key, seq, chunk]);
      seq += 1;
    }
    return { key, sha256: hash.digest('hex'), size };
  }

  get(key: string): Readable {
    const queries = this.queries;
    async function* chunks() {
      for (let seq = 0; ; seq += 1) {
        const chunk = await queries.attachmentChunk(key, seq);
        if (chunk === null) return;
        yield chunk;
      }
    }
    return Readable.from(chunks());
  }
}
