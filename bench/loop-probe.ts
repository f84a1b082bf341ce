// Bench-only probe, preloaded into the app with `--app-node-options="... --import=./dist/bench/loop-probe.js"`:
// every 2 s it writes one line to stderr (the app log of a `--keep` run) with the event loop's delay
// (perf_hooks monitorEventLoopDelay, 10 ms resolution is too coarse, so 1 ms), the garbage collector's
// pauses of the interval (PerformanceObserver 'gc') and the heap. Nothing of the app is changed.
import { monitorEventLoopDelay, PerformanceObserver, constants } from 'node:perf_hooks';

const INTERVAL_MS = 2000;
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();

const KIND: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
let pauses: { kind: string; ms: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0;
    pauses.push({ kind: KIND[kind] ?? String(kind), ms: entry.duration });
  }
}).observe({ entryTypes: ['gc'] });

const ms = (ns: number) => Math.round(ns / 1e4) / 100;
setInterval(() => {
  const byKind: Record<string, { n: number; total: number; max: number }> = {};
  for (const p of pauses) {
    const k = (byKind[p.kind] ??= { n: 0, total: 0, max: 0 });
    k.n += 1;
    k.total += p.ms;
    k.max = Math.max(k.max, p.ms);
  }
  for (const k of Object.values(byKind)) {
    k.total = Math.round(k.total * 10) / 10;
    k.max = Math.round(k.max * 10) / 10;
  }
  const memory = process.memoryUsage();
  process.stderr.write(
    `loop-probe ${JSON.stringify({
      t: new Date().toISOString(),
      loopP50: ms(delay.percentile(50)),
      loopP99: ms(delay.percentile(99)),
      loopMax: ms(delay.max),
      gc: byKind,
      heapUsedMb: Math.round(memory.heapUsed / 2 ** 20),
      rssMb: Math.round(memory.rss / 2 ** 20),
    })}\n`,
  );
  delay.reset();
  pauses = [];
}, INTERVAL_MS).unref();
