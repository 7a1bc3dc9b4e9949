// The Athena table's columns come from the contract's zod schema (lib/contract/events.ts) rather
// than a second hand-written list, so a field added to the contract shows up in the table on the
// next deploy instead of silently being dropped by the JSON SerDe.
import { contractJsonSchemas, withoutNull, type JsonSchema } from '../../lib/contract/json-schema';

type GlueColumn = { name: string; type: string; comment?: string };

// Timestamps stay strings: the OpenX SerDe does not parse ISO 8601 with a `Z` reliably, and
// `from_iso8601_timestamp(...)` in a query is exact.
const TIMESTAMP_COMMENT = 'ISO 8601 UTC; use from_iso8601_timestamp()';

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
  return Object.entries(contractJsonSchemas().stored.properties ?? {}).map(([name, field]) => {
    const column: GlueColumn = { name, type: glueType(field) };
    if (withoutNull(field).format === 'date-time') column.comment = TIMESTAMP_COMMENT;
    return column;
  });
}
