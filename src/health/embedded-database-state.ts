import { Injectable } from '@nestjs/common';

/**
 * Whether the embedded PostgreSQL this process runs is up (issue 28): told by src/main.ts, read by
 * /health/live, which answers 503 while it is down (restarting or given up). Unused with an external database.
 */
@Injectable()
export class EmbeddedDatabaseState {
  private down?: 'restarting' | 'failed';

  set(state: 'running' | 'restarting' | 'failed' | 'stopped'): void {
    this.down = state === 'restarting' || state === 'failed' ? state : undefined;
  }

  /** Why the process is not live, if it is not. */
  get problem(): 'restarting' | 'failed' | undefined {
    return this.down;
  }
}
