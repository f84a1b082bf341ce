import { QueueDrain, type DrainStep } from './queue-drain.js';

/** A queue of `items` steps worked in order, NONE once they are used up; `pushed` adds more while it runs. */
function queueOf(items: DrainStep[]) {
  const worked: DrainStep[] = [];
  let onStep: (() => void) | undefined;
  const drain = new QueueDrain(async () => {
    await Promise.resolve();
    onStep?.();
    const step = items.shift() ?? 'NONE';
    if (step !== 'NONE') worked.push(step);
    return step;
  });
  return {
    drain,
    worked,
    items,
    onEachStep: (f: () => void) => (onStep = f),
  };
}

describe('QueueDrain', () => {
  it('works every due item and counts the DONE ones, not the SKIPPED', async () => {
    const q = queueOf(['DONE', 'SKIPPED', 'DONE']);
    expect(await q.drain.run()).toBe(2);
    expect(q.worked).toEqual(['DONE', 'SKIPPED', 'DONE']);
  });

  it('runs one drain at a time: a call meanwhile gets the running one, which looks again for work added since', async () => {
    const q = queueOf(['DONE']);
    let second: Promise<number> | undefined;
    q.onEachStep(() => {
      if (second) return;
      // Work committed while the drain runs, and a call for it.
      second = q.drain.run();
      q.items.push('DONE');
    });
    const first = q.drain.run();
    expect(await first).toBe(2);
    expect(await second).toBe(2);
    expect(q.items).toEqual([]);
  });

  it('stops between items once closed', async () => {
    const q = queueOf(['DONE', 'DONE', 'DONE']);
    let closing: Promise<void> | undefined;
    q.onEachStep(() => {
      closing ??= q.drain.close();
    });
    expect(await q.drain.run()).toBe(1);
    await closing;
    expect(q.items).toEqual(['DONE', 'DONE']);
    expect(await q.drain.run()).toBe(0);
  });
});
