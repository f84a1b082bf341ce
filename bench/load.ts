// HTTP load with autocannon over loopback, and the app's resident memory.
import autocannon, { type RequestSpec } from 'autocannon';
import { readFileSync } from 'node:fs';

export interface LoadResult {
  /** Completed 2xx responses per second over the run. */
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  total: number;
  failures: number;
}

export interface LoadOptions {
  baseUrl: string;
  connections: number;
  seconds: number;
  request: RequestSpec;
  /** Offered load in requests per second over all connections (default: as fast as answered). */
  rate?: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.seconds,
    requests: [options.request],
    timeout: 30,
    overallRate: options.rate,
  });
  return {
    throughput: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    total: result['2xx'] + result.non2xx,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** A GET whose path is chosen per request (e.g. a random case id). */
export function rotatingGet(paths: () => string, token?: string): RequestSpec {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return { method: 'GET', headers, setupRequest: (request) => ({ ...request, path: paths() }) };
}

/** A JSON POST whose body is made per request. */
export function rotatingPost(path: string, body: () => unknown, token: string): RequestSpec {
  return {
    method: 'POST',
    path,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }),
  };
}

/** VmRSS of a process in kB (Linux /proc). */
export function residentKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

/** Samples a process's RSS every `intervalMs` and keeps the peak since the last reset. */
export class RssSampler {
  private peakKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 200,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): number {
    try {
      const kb = residentKb(this.pid);
      this.peakKb = Math.max(this.peakKb, kb);
      return kb;
    } catch {
      return 0; // the process has exited
    }
  }

  peak(): number {
    this.sample();
    return this.peakKb;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
