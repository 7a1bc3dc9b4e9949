// The Athena table's columns come from the contract's zod schema (lib/contract/events.ts) rather
// than a second hand-written list, so a field added to the contract shows up in the table on the
// next deploy instead of silently being dropped by the JSON SerDe.
import { z } from 'zod';
import { storedEventSchema } from '../../lib/contract/events';

type GlueColumn = { name: string; type: string; comment?: string };

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  const?: unknown;
  format?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
};

// Timestamps stay strings: the OpenX SerDe does not parse ISO 8601 with a `Z` reliably, and
// `from_iso8601_timestamp(...)` in a query is exact.
const TIMESTAMP_COMMENT = 'ISO 8601 UTC; use from_iso8601_timestamp()';

function withoutNull(schema: JsonSchema): JsonSchema {
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

/** Maps one JSON Schema node (from zod) to a Hive/Glue type string. */
export function glueType(node: JsonSchema): string {
  const schema = withoutNull(node);
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'int';
    case 'number':
      return Number.isInteger(schema.const) ? 'int' : 'double';
    case 'array':
      if (!schema.items) throw new Error('an array column needs an item type');
      return `array<${glueType(schema.items)}>`;
    case 'object': {
      const fields = Object.entries(schema.properties ?? {}).map(([name, field]) => `${name}:${glueType(field)}`);
      return `struct<${fields.join(',')}>`;
    }
    default:
      throw new Error(`no Glue type for JSON Schema type ${JSON.stringify(schema.type)}`);
  }
}

/** One column per stored-event field, in the contract's order. */
export function storedEventColumns(): GlueColumn[] {
  const schema = z.toJSONSchema(storedEventSchema) as JsonSchema;
  return Object.entries(schema.properties ?? {}).map(([name, field]) => {
    const column: GlueColumn = { name, type: glueType(field) };
    if (withoutNull(field).format === 'date-time') column.comment = TIMESTAMP_COMMENT;
    return column;
  });
}
