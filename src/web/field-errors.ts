import type { FieldError } from '../common/errors.js';

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
    messages[detail.field] ??= message;
  }
  return messages;
}
