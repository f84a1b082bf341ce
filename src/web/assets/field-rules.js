// The server's field rules, ported for the browser so the registration form can say what is wrong while the
// clerk types: src/common/validators/identity.ts (resident ID, credit code, mobile, telephone) and src/common/money.ts
// (amounts). Same checks, same messages. The server checks everything again; field-rules.spec.ts keeps the
// two in step.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function residentIdProblem(value, now = Date.now()) {
  if (!/^\d{17}[\dX]$/.test(value)) return '身份证号应为 18 位，最后一位可为数字或 X';
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const date = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth) return '身份证号中的出生日期不存在';
  if (Number(value.slice(6, 10)) < 1900 || date.getTime() > now) return '身份证号中的出生日期不合理';
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  if (ID_CHECK[sum % 11] !== value[17]) return '身份证号校验位不正确';
  return null;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeProblem(value) {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) {
    return '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）';
  }
  const sum = [...value.slice(0, 17)].reduce((acc, ch, i) => acc + USCC_CHARS.indexOf(ch) * USCC_WEIGHTS[i], 0);
  if (USCC_CHARS[(31 - (sum % 31)) % 31] !== value[17]) return '统一社会信用代码校验位不正确';
  return null;
}

export function mobileProblem(value) {
  return /^1[3-9]\d{9}$/.test(value) ? null : '手机号应为 11 位中国大陆手机号码';
}

export function phoneProblem(value) {
  if (/^1[3-9]\d{9}$/.test(value) || /^0\d{2,3}-?\d{7,8}(?:(?:-|转)\d{1,6})?$/.test(value)) return null;
  return '电话应为 11 位手机号，或带区号的固定电话（如 010-62345678，分机写作 010-62345678-123 或 010-62345678转123）';
}

const MAX_FEN = 100000000000n * 100n;

/** The problems parseYuan reports for text typed into an amount field. */
export function amountProblem(value) {
  const text = value.trim();
  if (text.startsWith('-')) return '金额不能为负数';
  const m = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return '金额应为元，最多两位小数，例如 12000.50';
  const fen = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  if (fen > MAX_FEN) return '金额超出允许的上限';
  return null;
}

/**
 * The rules by the name a field carries in `data-rule`. Identity numbers are compared upper-cased, as the
 * server receives them from the form.
 */
export const RULES = {
  'resident-id': (value) => residentIdProblem(value.trim().toUpperCase()),
  'credit-code': (value) => creditCodeProblem(value.trim().toUpperCase()),
  mobile: (value) => mobileProblem(value.trim()),
  phone: (value) => phoneProblem(value.trim()),
  amount: amountProblem,
};
