// Terse JSON-schema builders for the views that are plain objects (not classes): the view schemas import them as
// one namespace (`import * as s from '…/common/http/schemas.js'`, then `s.object({ id: s.uuid })`); api-docs.ts
// re-exports them.
import type { ApiResponseSchemaHost } from '@nestjs/swagger';

export type SchemaObject = ApiResponseSchemaHost['schema'] & { nullable?: boolean };

export const str = (description?: string): SchemaObject => ({ type: 'string', description });
export const strOrNull = (description?: string): SchemaObject => ({ type: 'string', nullable: true, description });
export const uuid: SchemaObject = { type: 'string', format: 'uuid' };
export const uuidOrNull: SchemaObject = { type: 'string', format: 'uuid', nullable: true };
export const int = (description?: string): SchemaObject => ({ type: 'integer', description });
export const intOrNull = (description?: string): SchemaObject => ({ type: 'integer', nullable: true, description });
export const num = (description?: string): SchemaObject => ({ type: 'number', description });
export const bool = (description?: string): SchemaObject => ({ type: 'boolean', description });
export const date = (description?: string): SchemaObject => ({ type: 'string', format: 'date', description });
export const dateOrNull = (description?: string): SchemaObject => ({
  type: 'string',
  format: 'date',
  nullable: true,
  description,
});
export const instant: SchemaObject = { type: 'string', format: 'date-time' };
export const instantOrNull: SchemaObject = { type: 'string', format: 'date-time', nullable: true };
export const yuan = (description = '金额（元，两位小数）'): SchemaObject => ({
  type: 'string',
  example: '12000.50',
  description,
});
export const anyJson: SchemaObject = { type: 'object', additionalProperties: true, nullable: true };
export const arrayOf = (items: SchemaObject, description?: string): SchemaObject => ({
  type: 'array',
  items,
  description,
});

/** An object whose listed properties are all present (null where the schema allows). */
export const object = (properties: Record<string, SchemaObject>, description?: string): SchemaObject => ({
  type: 'object',
  description,
  required: Object.keys(properties),
  properties,
});

/**
 * An object described by its meaning and its main fields only; more fields may follow (the document does not
 * yet list them all).
 */
export const openObject = (description: string, properties: Record<string, SchemaObject> = {}): SchemaObject => ({
  type: 'object',
  description,
  properties,
  additionalProperties: true,
});
