// The one place the platform's PDF documents are rendered: a bounded pool of worker threads (piscina) running
// document-worker.ts, so that laying out a 50-party notice never holds up another user's request. A request
// gathers its document's data and calls `render(kind, model)`; past DOCUMENT_WORKERS running and DOCUMENT_QUEUE
// waiting, the call fails at once with DocumentRendererBusyError (503, Retry-After). Each worker's heap is capped
// (DOCUMENT_WORKER_HEAP_MB), so the pool's memory has a bound (docs/configuration.md, Memory).
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { MessagePort } from 'node:worker_threads';
import { DomainError } from './errors.js';

/**
 * What each document is made from, by kind: a plain, serialisable model (the request gathers it: database reads,
 * rating codes). Each module that prints a document adds its kind where it defines the model, e.g.
 * `declare module '../common/document-renderer.js' { interface DocumentModels { notice: NoticeModel } }`,
 * and src/document-worker.ts renders it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DocumentModels {}

/** The documents streamed out as they are drawn (a batch's file may run to hundreds of pages), by kind. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StreamedDocumentModels {}

export type DocumentKind = keyof DocumentModels & string;
export type StreamedDocumentKind = keyof StreamedDocumentModels & string;

/** One task for the worker: a whole document, or a streamed one whose chunks go through `port`. */
export type RenderTask =
  | { [K in DocumentKind]: { kind: K; model: DocumentModels[K] } }[DocumentKind]
  | {
      [K in StreamedDocumentKind]: { kind: K; model: StreamedDocumentModels[K]; port: MessagePort };
    }[StreamedDocumentKind];

/** One whole document to render: its kind and model (plain data, so that it can be kept as JSON and rendered later). */
export type DocumentTask = { [K in DocumentKind]: { kind: K; model: DocumentModels[K] } }[DocumentKind];

/** Messages of a streamed document: worker → caller `chunk`/`end`/`error`; caller → worker `ack` (bytes read). */
export type StreamMessage =
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'end' }
  | { type: 'error'; message: string }
  | { type: 'ack'; bytes: number };

export interface DocumentPoolOptions {
  /** Worker threads rendering at once (DOCUMENT_WORKERS). */
  workers: number;
  /** Documents allowed to wait for a worker; past that, 503 (DOCUMENT_QUEUE). */
  queue: number;
  /** Old-generation heap of each worker, in MB (DOCUMENT_WORKER_HEAP_MB). */
  workerHeapMb: number;
}

export const DEFAULT_DOCUMENT_POOL: DocumentPoolOptions = { workers: 1, queue: 16, workerHeapMb: 64 };

/** The injection token of the pool's DocumentPoolOptions (DocumentsModule.forRoot). */
export const DOCUMENT_POOL = Symbol('DOCUMENT_POOL');

/** Seconds a client is asked to wait before trying again when the pool is full. */
export const DOCUMENT_RETRY_AFTER_SECONDS = 5;

/** 503: every worker is busy and the queue is full. */
export class DocumentRendererBusyError extends DomainError {
  readonly status = 503;
  constructor() {
    super('DOCUMENTS_BUSY', '文书生成繁忙，请稍后再试', { retryAfterSeconds: DOCUMENT_RETRY_AFTER_SECONDS });
  }
}

/**
 * The worker's compiled module, src/document-worker.ts built: in dist/src/ above this file when running the build,
 * and also when this file is the TypeScript source (Jest), since a worker thread loads plain JavaScript.
 */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.ts')
    ? path.resolve(path.dirname(here), '..', '..', 'dist', 'src', 'document-worker.js')
    : path.resolve(path.dirname(here), '..', 'document-worker.js');
  if (!existsSync(file)) throw new Error(`document worker not found at ${file}: run npm run build`);
  return pathToFileURL(file).href;
}

function isQueueFull(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.message === 'Task queue is at limit' || error.message === 'No task queue available and all Workers are busy')
  );
}

@Injectable()
export class DocumentRenderer implements OnModuleDestroy {
  private readonly logger = new Logger('DocumentRenderer');
  private readonly pool: Piscina;
  readonly limits: DocumentPoolOptions;

  constructor(@Inject(DOCUMENT_POOL) limits: DocumentPoolOptions) {
    this.limits = limits;
    this.pool = new Piscina({
      filename: workerFile(),
      minThreads: 0,
      maxThreads: this.limits.workers,
      maxQueue: this.limits.queue,
      // An idle worker (and the fonts it holds) is let go after a minute.
      idleTimeout: 60_000,
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.workerHeapMb,
        maxYoungGenerationSizeMb: 8,
      },
    });
  }

  /** The PDF of a document, rendered in a worker. */
  async render<K extends DocumentKind>(kind: K, model: DocumentModels[K]): Promise<Buffer> {
    const bytes = await this.run({ kind, model } as RenderTask);
    const view = bytes as Uint8Array;
    return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  }

  /** The PDF of a document task (its kind and model kept together). */
  renderTask(task: DocumentTask): Promise<Buffer> {
    return this.render(task.kind, task.model as never);
  }

  /**
   * A document streamed as the worker draws it (a batch file): the returned stream's reader paces the worker.
   * A full pool fails here, before anything is sent.
   */
  async stream<K extends StreamedDocumentKind>(kind: K, model: StreamedDocumentModels[K]): Promise<Readable> {
    const { port1, port2 } = new MessageChannel();
    let unacked = 0;
    const out = new Readable({
      read() {
        if (unacked > 0) {
          port1.postMessage({ type: 'ack', bytes: unacked } satisfies StreamMessage);
          unacked = 0;
        }
      },
    });
    // A reader that stops early (the client hung up) closes the channel, which stops the worker drawing.
    out.on('close', () => port1.close());
    port1.on('message', (message: StreamMessage) => {
      if (message.type === 'chunk') {
        const chunk = Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength);
        if (out.push(chunk)) port1.postMessage({ type: 'ack', bytes: chunk.byteLength } satisfies StreamMessage);
        else unacked += chunk.byteLength;
      } else if (message.type === 'end') {
        out.push(null);
        port1.close();
      } else if (message.type === 'error') {
        out.destroy(new Error(message.message));
        port1.close();
      }
    });
    const task = this.run({ kind, model, port: port2 } as RenderTask, [port2]);
    // The task ends when the last chunk is sent; a failure of the worker itself (e.g. its heap) ends the stream.
    const started = new Promise<void>((resolve, reject) => {
      task.then(
        () => resolve(),
        (error: unknown) => {
          if (error instanceof DocumentRendererBusyError) reject(error);
          else {
            out.destroy(error instanceof Error ? error : new Error(String(error)));
            port1.close();
            resolve();
          }
        },
      );
      // A task that is accepted (running or queued) does not reject at once: let the caller have the stream.
      setImmediate(resolve);
    });
    await started;
    return out;
  }

  private async run(task: RenderTask, transferList?: [MessagePort]): Promise<unknown> {
    try {
      return await this.pool.run(task, transferList ? { transferList } : undefined);
    } catch (error) {
      if (isQueueFull(error)) throw new DocumentRendererBusyError();
      this.logger.error(`rendering ${task.kind} failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}
