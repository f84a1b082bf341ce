import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** The pg pool behind TypeORM's postgres driver (its counters are public in pg). */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The platform's Prometheus metrics. One registry per app instance (not prom-client's global one),
 * so that several apps in one process (the tests) each count their own.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly requestSeconds = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly jobRuns = new Counter({
    name: 'job_runs_total',
    help: 'Runs of timed jobs, by job and outcome (ok, skipped when another instance held the lock, failed)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly jobSeconds = new Histogram({
    name: 'job_duration_seconds',
    help: 'Duration of timed job runs',
    labelNames: ['job'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly deadlineExpired = new Counter({
    name: 'deadline_scan_expired_total',
    help: 'Cases the deadline scan closed as expired (调解期满)',
    registers: [this.registry],
  });
  private readonly deadlineWarnings = new Counter({
    name: 'deadline_scan_warnings_total',
    help: 'Deadline warnings the scan raised',
    registers: [this.registry],
  });
  private readonly batchRows = new Counter({
    name: 'batch_rows_imported_total',
    help: 'Rows of batch uploads that became cases',
    registers: [this.registry],
  });

  constructor(@InjectDataSource() dataSource: DataSource) {
    const pool = () => (dataSource.driver as unknown as { master?: PgPool }).master;
    const poolGauge = (name: string, help: string, read: (p: PgPool) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const p = pool();
          this.set(p ? read(p) : 0);
        },
      });
    poolGauge(
      'db_pool_connections_in_use',
      'Pooled database connections checked out',
      (p) => p.totalCount - p.idleCount,
    );
    poolGauge('db_pool_connections_idle', 'Pooled database connections open and idle', (p) => p.idleCount);
    poolGauge('db_pool_requests_waiting', 'Requests waiting for a pooled connection', (p) => p.waitingCount);
    collectDefaultMetrics({ register: this.registry });
  }

  recordRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.requestSeconds.observe(labels, seconds);
  }

  /** Times one run of a job; a result of `{ ran: false }` counts as skipped (another instance had it). */
  async timeJob<T>(job: string, run: () => Promise<T>): Promise<T> {
    const stop = this.jobSeconds.startTimer({ job });
    try {
      const result = await run();
      const skipped = (result as { ran?: unknown } | null)?.ran === false;
      this.jobRuns.inc({ job, outcome: skipped ? 'skipped' : 'ok' });
      return result;
    } catch (error) {
      this.jobRuns.inc({ job, outcome: 'failed' });
      throw error;
    } finally {
      stop();
    }
  }

  deadlineScanned(expired: number, warned: number): void {
    this.deadlineExpired.inc(expired);
    this.deadlineWarnings.inc(warned);
  }

  batchRowsImported(rows: number): void {
    if (rows > 0) this.batchRows.inc(rows);
  }
}
