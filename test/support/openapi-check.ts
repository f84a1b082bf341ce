// Checks a JSON value against a schema of the API document: the subset the document uses (type, nullable,
// properties, required, items, oneOf, $ref, formats date and date-time). A schema that lists all its
// properties as required and does not allow additional ones is taken as complete: an unlisted property
// is reported too, so a view that grows a field shows up here.
type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | object;
  items?: Schema;
  oneOf?: Schema[];
};

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function schemaProblems(doc: OpenApiDocument, schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.$ref) return schemaProblems(doc, doc.components.schemas[schema.$ref.split('/').pop()!], value, at);
  if (value === null) return schema.nullable ? [] : [`${at}: null, but not nullable`];
  if (schema.oneOf) {
    const fits = schema.oneOf.some((s) => schemaProblems(doc, s, value, at).length === 0);
    return fits ? [] : [`${at}: matches none of oneOf`];
  }
  switch (schema.type) {
    case 'object':
      return objectProblems(doc, schema, value, at);
    case 'array':
      if (!Array.isArray(value)) return [`${at}: not an array`];
      return schema.items ? value.flatMap((item, i) => schemaProblems(doc, schema.items!, item, `${at}[${i}]`)) : [];
    case 'string':
      if (typeof value !== 'string') return [`${at}: not a string (${JSON.stringify(value)})`];
      if (schema.format === 'date' && !DATE.test(value)) return [`${at}: not a date (${value})`];
      if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) return [`${at}: not a date-time`];
      return [];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: not an integer (${JSON.stringify(value)})`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: not a number (${JSON.stringify(value)})`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: not a boolean`];
    default:
      return [];
  }
}

function objectProblems(doc: OpenApiDocument, schema: Schema, value: unknown, at: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: not an object`];
  const record = value as Record<string, unknown>;
  const properties = schema.properties ?? {};
  const problems = (schema.required ?? []).filter((key) => !(key in record)).map((key) => `${at}.${key}: missing`);
  const complete = schema.additionalProperties !== true && Object.keys(properties).length > 0;
  for (const [key, item] of Object.entries(record)) {
    if (properties[key]) problems.push(...schemaProblems(doc, properties[key], item, `${at}.${key}`));
    else if (complete) problems.push(`${at}.${key}: not in the schema`);
  }
  return problems;
}

/** The documented JSON schema of a route's answer with this status. */
export function documentedSchema(doc: OpenApiDocument, method: string, path: string, status: number): Schema {
  const schema = doc.paths[path]?.[method]?.responses?.[String(status)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} documents no JSON answer with ${status}`);
  return schema;
}
