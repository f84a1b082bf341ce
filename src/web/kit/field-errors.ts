import type { FieldError } from '../../common/errors.js';

/** Field name -> message, for showing each error next to its field. */
export type FieldMessages = Record<string, string>;

/**
 * The API's messages start with the field path (`parties[1].idNumber：校验位不正确`) so that they stand alone
 * in JSON; next to the field itself the path is noise. The first message per field wins.
 */
export function fieldMessages(details: unknown): FieldMessages {
  const messages: FieldMessages = {};
  for (const detail of Array.isArray(details) ? (details as FieldError[]) : []) {
    const message = detail.message.startsWith(`${detail.field}：`)
      ? detail.message.slice(detail.field.length + 1)
      : detail.message;
    messages[detail.field] ??= plainMessage(message, detail.code);
  }
  return messages;
}

/** An API code with its Chinese name, `CONSENT（同意调解）`, and a bare code or format pattern, `YYYY-Www`. */
const LABELLED_CODE = /[A-Z][A-Z0-9_]{3,}（([^）]+)）/g;
/** Four or more capitals and underscores with a letter among them: a template's blank `____` is not a code. */
const CODE_LIKE = /(?=[A-Z_]*[A-Z])[A-Z_]{4,}/g;
/** File formats people know by these letters. */
const PLAIN_WORDS = new Set(['XLSX', 'JPEG']);

/** What a person is told where the API's message names its codes, by the error's code. */
const PLAIN_BY_CODE: Record<string, string> = { IS_IN: '请从选项中选择一项', IS_ENUM: '请从选项中选择一项' };

/**
 * The API's messages may list its codes for programs (`应为 CONSENT（同意调解）或 REFUSE（不同意调解）`); a person
 * reads the Chinese names (`应为“同意调解”或“不同意调解”`), or, where no names are given, a plain sentence.
 */
export function plainMessage(message: string, code: string): string {
  const named = message.replace(LABELLED_CODE, '“$1”').replace(/ ?(“[^”]+”) ?/g, '$1');
  if ((named.match(CODE_LIKE) ?? []).every((word) => PLAIN_WORDS.has(word))) return named;
  return PLAIN_BY_CODE[code] ?? '填写的内容不符合要求，请按提示修改';
}
