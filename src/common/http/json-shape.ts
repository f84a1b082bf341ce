// A JSON body's shape is bounded before class-transformer and class-validator walk it (issue 28): nesting depth
// (checked on the text, before parsing, so a 100,000-deep document never reaches a recursive walk), keys per
// object and in all, array lengths, and no NUL character in any key or string (PostgreSQL refuses it in text).
// The largest body a route takes is far below each bound: 50 parties of a dozen fields, 500 case ids in bulk.
import { DomainError } from '../errors.js';

const JSON_SHAPE_LIMITS = {
  depth: 16,
  keysPerObject: 500,
  keys: 10_000,
  arrayLength: 5_000,
  values: 50_000,
} as const;

type JsonShapeLimit = keyof typeof JSON_SHAPE_LIMITS;

const LIMIT_NAMES: Record<JsonShapeLimit, string> = {
  depth: '嵌套层数',
  keysPerObject: '单个对象的字段数',
  keys: '字段总数',
  arrayLength: '列表长度',
  values: '数据项总数',
};

class BodyTooComplexError extends DomainError {
  readonly status = 413;
  constructor(limit: JsonShapeLimit) {
    super(
      'BODY_TOO_COMPLEX',
      `提交的内容结构过于复杂（${LIMIT_NAMES[limit]}超过 ${JSON_SHAPE_LIMITS[limit]}），未作处理`,
      { limit, max: JSON_SHAPE_LIMITS[limit] },
    );
  }
}

class NulCharacterError extends DomainError {
  readonly status = 400;
  constructor() {
    super('NUL_CHARACTER', '提交的内容含有不允许的空字符（\\u0000），未作处理');
  }
}

/** The nesting depth of a JSON text, counted without parsing; stops at the first level past the limit. */
export function checkJsonDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: the next character is escaped
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > JSON_SHAPE_LIMITS.depth) throw new BodyTooComplexError('depth');
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
}

/** Walks a parsed body without recursion: refuses it past any bound, or with a NUL in a key or a string. */
export function checkJsonShape(value: unknown): void {
  const pending: unknown[] = [value];
  let keys = 0;
  let values = 0;
  while (pending.length > 0) {
    const item = pending.pop();
    if (++values > JSON_SHAPE_LIMITS.values) throw new BodyTooComplexError('values');
    if (typeof item === 'string') {
      if (item.includes('\u0000')) throw new NulCharacterError();
    } else if (Array.isArray(item)) {
      if (item.length > JSON_SHAPE_LIMITS.arrayLength) throw new BodyTooComplexError('arrayLength');
      for (const element of item) pending.push(element);
    } else if (item !== null && typeof item === 'object') {
      const names = Object.keys(item);
      if (names.length > JSON_SHAPE_LIMITS.keysPerObject) throw new BodyTooComplexError('keysPerObject');
      keys += names.length;
      if (keys > JSON_SHAPE_LIMITS.keys) throw new BodyTooComplexError('keys');
      for (const name of names) {
        if (name.includes('\u0000')) throw new NulCharacterError();
        pending.push((item as Record<string, unknown>)[name]);
      }
    }
  }
}
