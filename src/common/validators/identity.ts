// Chinese identity numbers: checked by their own check characters, not just their shape.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 18-digit resident identity number (GB 11643): ISO 7064 MOD 11-2 check digit and a real birth date. */
export function residentIdProblem(value: string): string | null {
  if (!/^\d{17}[\dX]$/.test(value)) return '身份证号应为 18 位，最后一位可为数字或 X';
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const date = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth) return '身份证号中的出生日期不存在';
  if (Number(value.slice(6, 10)) < 1900 || date.getTime() > Date.now()) return '身份证号中的出生日期不合理';
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  if (ID_CHECK[sum % 11] !== value[17]) return '身份证号校验位不正确';
  return null;
}

/** The check digit that completes 17 digits into a valid resident ID (for test data). */
export function residentIdCheckDigit(first17: string): string {
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return ID_CHECK[sum % 11];
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 18-character unified social credit code (GB 32100-2015) with its check character. */
export function creditCodeProblem(value: string): string | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) {
    return '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）';
  }
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return '统一社会信用代码校验位不正确';
  return null;
}

export function creditCodeCheckChar(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + USCC_CHARS.indexOf(ch) * USCC_WEIGHTS[i], 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** Mainland mobile numbers: 11 digits starting 13-19. */
export function mobileProblem(value: string): string | null {
  return isMobile(value) ? null : '手机号应为 11 位中国大陆手机号码';
}

/** Whether a phone number on file is a mobile (a text message reaches it; a landline it does not). */
function isMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

/**
 * The one rule of a person's or an organization's telephone number: a mobile, or a landline with its area code
 * (`010-62345678`, `0571-8765432`), optionally with an extension (`-123` or `转123`).
 */
export function phoneProblem(value: string): string | null {
  if (isMobile(value) || /^0\d{2,3}-?\d{7,8}(?:(?:-|转)\d{1,6})?$/.test(value)) return null;
  return '电话应为 11 位手机号，或带区号的固定电话（如 010-62345678，分机写作 010-62345678-123 或 010-62345678转123）';
}
