import { LoginBusyError, PasswordHashGate } from './password-hash-gate.js';

describe('password hashing gate', () => {
  it('runs a few at once, queues a few more and refuses the rest at once', async () => {
    const gate = new PasswordHashGate({ concurrent: 2, queued: 3 });
    let active = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      new Promise<string>((resolve) => {
        active += 1;
        peak = Math.max(peak, active);
        releases.push(() => {
          active -= 1;
          resolve('ok');
        });
      });
    const results = Array.from({ length: 8 }, () => gate.run(work).catch((e: unknown) => e));
    await new Promise((r) => setImmediate(r));
    expect(releases).toHaveLength(2);
    // Finish the work one by one; the queued ones take the slots in turn.
    while (releases.length > 0) {
      releases.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    const settled = await Promise.all(results);
    expect(settled.filter((r) => r === 'ok')).toHaveLength(5);
    expect(settled.filter((r) => r instanceof LoginBusyError)).toHaveLength(3);
    expect(peak).toBe(2);
  });

  it('frees the slot when the work fails', async () => {
    const gate = new PasswordHashGate({ concurrent: 1, queued: 0 });
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(() => Promise.resolve(1))).resolves.toBe(1);
  });
});
