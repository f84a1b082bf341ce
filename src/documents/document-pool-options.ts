// The document workers' bounds (DOCUMENT_WORKERS, DOCUMENT_QUEUE, DOCUMENT_WORKER_HEAP_MB in src/config/env.ts),
// handed in as AppOptions.documents. docs/configuration.md (Memory) says how they add up.
import type { AppEnv } from '../config/env.js';

export interface DocumentPoolOptions {
  /** Worker threads rendering at once (DOCUMENT_WORKERS). */
  workers: number;
  /** Documents allowed to wait for a worker; past that, 503 (DOCUMENT_QUEUE). */
  queue: number;
  /** Old-generation heap of each worker, in MB (DOCUMENT_WORKER_HEAP_MB). */
  workerHeapMb: number;
}

export const DEFAULT_DOCUMENT_POOL: DocumentPoolOptions = { workers: 1, queue: 16, workerHeapMb: 96 };

export function documentPoolOf(
  env: Pick<AppEnv, 'documentWorkers' | 'documentQueue' | 'documentWorkerHeapMb'>,
): DocumentPoolOptions {
  return { workers: env.documentWorkers, queue: env.documentQueue, workerHeapMb: env.documentWorkerHeapMb };
}
