// Money is kept in fen (分) as integers; people write yuan with up to two decimals.

/** 100 billion yuan: above any claim a basic court sees, below what a bigint column holds. */
const MAX_FEN = 100_000_000_000n * 100n;

/** Parses yuan ("12000.50" or 12000.5) into fen, or returns a problem in Chinese. */
export function parseYuan(value: unknown): { fen: bigint } | { problem: string } {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { problem: '金额应为数字' };
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return { problem: '金额应为数字或数字文本（元，最多两位小数）' };
  }
  if (text.startsWith('-')) return { problem: '金额不能为负数' };
  const m = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return { problem: '金额应为元，最多两位小数，例如 12000.50' };
  const fen = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  if (fen > MAX_FEN) return { problem: '金额超出允许的上限' };
  return { fen };
}

/** fen -> "12000.50" */
export function formatYuan(fen: bigint | string | number): string {
  const value = BigInt(fen);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
