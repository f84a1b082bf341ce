// Reading PostgreSQL plans (EXPLAIN FORMAT JSON): which indexes a query uses.

/** Every index a plan reads, in the order first met. */
export function planIndexes(plan: unknown): string[] {
  const found = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Index Name' && typeof value === 'string') found.add(value);
        else visit(value);
      }
    }
  };
  visit(plan);
  return [...found];
}
