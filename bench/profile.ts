// Summarises a V8 CPU profile (node --cpu-prof): where the app's CPU time went,
// by package and by function, so a missed target can be explained.

interface ProfileNode {
  id: number;
  hitCount?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
}

export interface Share {
  name: string;
  percent: number;
}

/** "typeorm", "@nestjs/core", "our code: src/intake", "node internals", "(garbage collector)"... */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'native';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return 'node internals';
  const src = /\/dist\/(src\/[^/]+)/.exec(url);
  return src ? `our code: ${src[1]}` : url;
}

function top(counts: Map<string, number>, total: number, limit: number): Share[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, hits]) => ({ name, percent: (100 * hits) / total }));
}

/** Self time by package and by function, as shares of all samples. */
export function summariseProfile(profile: CpuProfile, limit = 12): { byPackage: Share[]; byFunction: Share[] } {
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    total += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
    const fn = `${functionName || '(anonymous)'} ${pkg}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
  }
  return { byPackage: top(byPackage, total, limit), byFunction: top(byFunction, total, limit) };
}

export function renderShares(title: string, shares: Share[]): string {
  return [`${title}:`, ...shares.map((s) => `  ${s.percent.toFixed(1).padStart(5)}%  ${s.name}`)].join('\n');
}
