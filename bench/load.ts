// HTTP load with autocannon over loopback, and the app's resident memory.
import autocannon, { type RequestSpec } from 'autocannon';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { quantile } from './report.js';

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
  private overallPeakKb = 0;
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
      this.overallPeakKb = Math.max(this.overallPeakKb, kb);
      return kb;
    } catch {
      return 0; // the process has exited
    }
  }

  peak(): number {
    this.sample();
    return this.peakKb;
  }

  /** The peak since the sampler started, whatever restarts came between. */
  overallPeak(): number {
    this.sample();
    return this.overallPeakKb;
  }

  /** Starts a new peak from the current RSS, which it returns. */
  restart(): number {
    this.peakKb = 0;
    return this.sample();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export interface PacedOptions {
  baseUrl: string;
  /** Requests per second, evenly spaced (open loop: a slow answer does not delay the next request). */
  rate: number;
  seconds: number;
  path: () => string;
  token?: string;
}

/**
 * Latency at a fixed offered load, below saturation. Each request's latency
 * counts from when it was due to be sent, so a stalled server or load generator
 * shows up in the figures instead of hiding (no coordinated omission).
 * autocannon's own rate option sends each second's quota in a burst, which
 * measures the burst rather than the app.
 */
export async function runPaced(options: PacedOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(options.baseUrl);
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const count = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      new Promise<void>((resolve) => {
        const request = http.get(
          { host: url.hostname, port: url.port, path: options.path(), headers, agent },
          (response) => {
            response.resume();
            response.on('end', () => {
              latencies.push(performance.now() - due);
              if ((response.statusCode ?? 0) >= 300) failures++;
              resolve();
            });
          },
        );
        request.on('error', () => {
          failures++;
          resolve();
        });
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  return {
    throughput: (latencies.length - failures) / ((performance.now() - start) / 1000),
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: Math.max(...latencies),
    total: count,
    failures,
  };
}

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Runs `work` and adds the app's CPU time per request it served: a figure that a busy machine distorts less than wall time. */
export async function withCpuPerRequest(
  pid: number,
  work: () => Promise<LoadResult>,
): Promise<LoadResult & { cpuPerRequest: number }> {
  const before = cpuMs(pid);
  const result = await work();
  return { ...result, cpuPerRequest: (cpuMs(pid) - before) / Math.max(1, result.total) };
}

/** Several rounds of the same measurement as one: the median round's p50 and p99, the worst max, the sums. */
export function combineRounds(rounds: LoadResult[]): LoadResult {
  const median = (pick: (r: LoadResult) => number) => quantile(rounds.map(pick), 0.5);
  return {
    throughput: median((r) => r.throughput),
    p50: median((r) => r.p50),
    p99: median((r) => r.p99),
    max: Math.max(...rounds.map((r) => r.max)),
    total: rounds.reduce((sum, r) => sum + r.total, 0),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
  };
}
