// HTML forms post application/x-www-form-urlencoded, which Nest's Fastify adapter already parses
// (fast-querystring: an object without prototype, a list for a name sent several times).

/** Form fields by name; a name sent several times (checkboxes) gives a list. */
export type FormFields = Record<string, string | string[] | undefined>;

/** One field as text (the first value when sent several times), trimmed; '' when absent. */
export function textField(fields: FormFields | undefined, name: string): string {
  const value = fields?.[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** A field sent several times (checkboxes), as a list. */
export function listField(fields: FormFields | undefined, name: string): string[] {
  const value = fields?.[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
