// Every write of a case row is the kernel's (src/cases/): CaseOps for the steps, the set-based runners for the
// scans and bulk steps, `applyConsequence` for what follows from another record. This subscriber refuses an
// entity write of a case made anywhere else, so that a service saving a loaded case by hand fails the first test
// that reaches it; raw SQL writes are kept here by src/cases/case-writes.spec.ts.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntitySubscriberInterface } from 'typeorm';
import { Case } from './case.entity.js';

const kernelWrite = new AsyncLocalStorage<true>();

/** Runs `write` as the kernel's own: the only place an entity write of a case is let through. */
export function asKernelWrite<T>(write: () => Promise<T>): Promise<T> {
  return kernelWrite.run(true, write);
}

/** Throws unless the kernel is writing (a programming error, never a user's). */
export function refuseOutsideKernel(): void {
  if (!kernelWrite.getStore()) {
    throw new Error('a case row is written outside the case kernel: take a step through CaseOps (src/cases/)');
  }
}

@Injectable()
export class CaseWriteGuard implements EntitySubscriberInterface<Case>, OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  listenTo() {
    return Case;
  }

  beforeInsert(): void {
    refuseOutsideKernel();
  }

  beforeUpdate(): void {
    refuseOutsideKernel();
  }

  beforeRemove(): void {
    refuseOutsideKernel();
  }

  beforeSoftRemove(): void {
    refuseOutsideKernel();
  }
}
