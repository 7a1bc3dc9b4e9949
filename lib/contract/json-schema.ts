// The contract as JSON Schema (zod 4's z.toJSONSchema), read by the two things derived from it:
// the Athena table's columns (infra/lib/glue-columns.ts) and docs/reference/events.md.
import { z } from 'zod';
import { envelopeSchema, storedEventSchema, wireEventSchema } from './events';

export type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
};

/** The event as the browser may send it (optional fields optional), at rest, and the request envelope. */
export const contractJsonSchemas = () => ({
  wire: z.toJSONSchema(wireEventSchema, { io: 'input' }) as JsonSchema,
  stored: z.toJSONSchema(storedEventSchema) as JsonSchema,
  envelope: z.toJSONSchema(envelopeSchema, { io: 'input' }) as JsonSchema,
});

/** The schema without its `null` alternative: `T | null` is a nullable T; any other union is an error. */
export function withoutNull(schema: JsonSchema): JsonSchema {
  if (schema.anyOf) {
    const branches = schema.anyOf.filter((branch) => branch.type !== 'null');
    if (branches.length !== 1) throw new Error(`cannot map a union of ${branches.length} types to one column`);
    return withoutNull(branches[0]);
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type) => type !== 'null');
    if (types.length !== 1) throw new Error(`cannot map types ${types.join('|')} to one column`);
    return { ...schema, type: types[0] };
  }
  return schema;
}

export const isNullable = (schema: JsonSchema) =>
  Boolean(schema.anyOf?.some((branch) => branch.type === 'null') || (Array.isArray(schema.type) && schema.type.includes('null')));
