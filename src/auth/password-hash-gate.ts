// Password hashing (argon2id, 64 MB and a few hundred ms of CPU each) is the expensive step of a login.
// A flood of logins must not queue without bound: it would take the CPU, the memory and, through the
// waiting requests, the database connections from everyone else. So a few run at once, a few more wait
// their turn, and the rest are told at once to try again (429).
import { DomainError } from '../common/errors.js';

export class LoginBusyError extends DomainError {
  readonly status = 429;
  constructor() {
    super('LOGIN_BUSY', '当前登录人数较多，请稍候几秒后重新登录', { retryAfterSeconds: 5 });
  }
}

interface HashGateLimits {
  /** Hashes computed at the same time. */
  concurrent: number;
  /** Logins allowed to wait for a free slot. */
  queued: number;
}

export class PasswordHashGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limits: HashGateLimits) {}

  /** Runs `work` in a slot, waiting for one if the queue has room; otherwise LoginBusyError at once. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.concurrent) {
      if (this.waiting.length >= this.limits.queued) throw new LoginBusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so `running` never drops below what runs.
      if (next) next();
      else this.running -= 1;
    }
  }
}
