// A queue of due rows worked off one at a time (the outbox's messages, the electronic files to build): one drain at
// a time in a process. A call while one runs returns the running drain and makes it look once more when it ends,
// so work committed meanwhile is not left for the next poll; after `close` (shutdown) it stops between items.
export type DrainStep = 'DONE' | 'SKIPPED' | 'NONE';

export class QueueDrain {
  private running: Promise<number> | undefined;
  private again = false;
  private closed = false;

  /** `next` works one due item: DONE (counted), SKIPPED (tried and put off, not counted), or NONE when none is due. */
  constructor(private readonly next: () => Promise<DrainStep>) {}

  /** Works every item due now; resolves with how many were DONE. */
  run(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops after the item in hand and waits for it. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running?.catch(() => undefined);
  }

  private async runAll(): Promise<number> {
    let done = 0;
    do {
      this.again = false;
      for (;;) {
        if (this.closed) return done;
        const step = await this.next();
        if (step === 'NONE') break;
        if (step === 'DONE') done += 1;
      }
    } while (this.again && !this.closed);
    return done;
  }
}
