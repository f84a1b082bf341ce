import { Injectable } from '@nestjs/common';

/** Set on SIGTERM: readiness answers 503 so that load balancers stop sending, while requests in flight finish. */
@Injectable()
export class DrainState {
  private since?: Date;

  start(): void {
    this.since ??= new Date();
  }

  get draining(): boolean {
    return this.since !== undefined;
  }
}
