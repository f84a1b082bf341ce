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
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { DomainError } from '../common/errors.js';
import { PROJECT_ROOT } from '../config/project-root.js';
import { DEFAULT_DOCUMENT_POOL, type DocumentPoolOptions } from './document-pool-options.js';
import type {
  DocumentKindName,
  DocumentModels,
  RenderTask,
  StreamedDocumentKind,
  StreamedDocumentModels,
  StreamMessage,
} from './document-models.js';

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
 * The worker's compiled module: beside this file when running the build, dist/src/documents/ when this file is
 * the TypeScript source (Jest), since a worker thread loads plain JavaScript.
 */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.ts')
    ? path.join(PROJECT_ROOT, 'dist', 'src', 'documents', 'document-worker.js')
    : path.join(path.dirname(here), 'document-worker.js');
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

  constructor(@Inject(APP_OPTIONS) options: AppOptions) {
    this.limits = options.documents ?? DEFAULT_DOCUMENT_POOL;
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
  async render<K extends DocumentKindName>(kind: K, model: DocumentModels[K]): Promise<Buffer> {
    const bytes = await this.run({ kind, model } as RenderTask);
    const view = bytes as Uint8Array;
    return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
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

  private async run(task: RenderTask, transferList?: [import('node:worker_threads').MessagePort]): Promise<unknown> {
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
