// Deterministic pseudo-random numbers for the benchmark data: the same seed
// gives the same database and the same request bodies, run after run.

/** Largest seed that keeps `seed * 1000 + salt` exact in a PostgreSQL bigint and a JS number. */
export const MAX_SEED = 1_000_000_000;

/**
 * SQL for a number in [0, 1) that depends only on the seed, a salt (one per
 * independent draw) and a row expression such as the series index `g`.
 * hashint8extended is PostgreSQL's seeded 64-bit hash (the one hash partitioning
 * relies on, so it is stable across versions and platforms).
 */
export function sqlUniform(seed: number, salt: number, row = 'g'): string {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new Error(`seed out of range: ${seed}`);
  if (!Number.isInteger(salt) || salt < 0 || salt >= 1000) throw new Error(`salt out of range: ${salt}`);
  return `((hashint8extended((${row})::bigint, ${seed * 1000 + salt}) & 1073741823)::float8 / 1073741824.0)`;
}

/**
 * SQL that picks one of `values` with the given weights from a uniform draw
 * (width_bucket over the cumulative weights).
 */
export function sqlWeightedPick(values: string[], weights: number[], uniform: string): string {
  if (values.length === 0 || values.length !== weights.length) throw new Error('values and weights must match');
  const bounds = cumulativeBounds(weights);
  const quoted = values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  return `(ARRAY[${quoted}]::text[])[width_bucket(${uniform}, ARRAY[${bounds.join(', ')}]::float8[])]`;
}

/** Lower bounds of each bucket in [0, 1): [0, w0, w0+w1, ...] normalised by the total. */
export function cumulativeBounds(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0) || weights.some((w) => w < 0)) throw new Error('weights must be non-negative with a positive sum');
  const bounds: number[] = [];
  let sum = 0;
  for (const w of weights) {
    bounds.push(Number((sum / total).toFixed(9)));
    sum += w;
  }
  return bounds;
}

/** A small, fast 32-bit generator (mulberry32) for request bodies: deterministic from its seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n) from a generator. */
export function randomInt(next: () => number, n: number): number {
  return Math.floor(next() * n);
}
