// Every timed job (`@Cron`) has the one skeleton of timed-job.ts: its handler runs through `runScheduled` (a failed
// run is logged and left to the next one) and its work through `underJobLock` with a key of the registry (one
// instance at a time). The queue polls (`@Interval`) are not jobs: they claim rows with SKIP LOCKED
// (src/common/queue-drain.ts), so any number of instances may drain at once.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/project-root.js';
import { sourceFiles } from '../../test/support/source-tree.js';

const SRC = path.join(PROJECT_ROOT, 'src');

describe('timed jobs', () => {
  const jobs = sourceFiles(SRC)
    .map((file) => ({ file: path.relative(PROJECT_ROOT, file), text: readFileSync(file, 'utf8') }))
    .filter(({ text }) => /@Cron\(/.test(text));

  it('finds the jobs', () => {
    expect(jobs.length).toBeGreaterThanOrEqual(7);
  });

  it('runs each through runScheduled and underJobLock, with a registry key', () => {
    const stragglers = jobs
      .filter(({ text }) => {
        const crons = text.match(/@Cron\(/g)!.length;
        const scheduled = text.match(/\brunScheduled\(/g)?.length ?? 0;
        return scheduled < crons || !/\bunderJobLock\(\s*this\.dataSource,\s*'\w+'/.test(text);
      })
      .map(({ file }) => file);
    expect(stragglers).toEqual([]);
  });

  it('names each job', () => {
    const unnamed = jobs.filter(({ text }) => /@Cron\([^)]*\)(?<!name: '[\w-]+' \}\))/.test(text)).map((j) => j.file);
    expect(unnamed).toEqual([]);
  });
});
