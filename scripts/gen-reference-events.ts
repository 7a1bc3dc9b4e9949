// Renders docs/reference/events.md from the contract's JSON Schema (lib/contract/json-schema.ts),
// the rules per event (requiredFields) and the Athena columns derived from the same schema.
import { z } from 'zod';
import { EVENT_NAMES, requiredFields, SCHEMA_VERSION, type EventName } from '@/lib/contract/events';
import { contractJsonSchemas, isNullable, withoutNull, type JsonSchema } from '@/lib/contract/json-schema';
import { glueType } from '@/infra/lib/glue-columns';
import { FIELD_NOTES } from './gen-reference-notes';

const code = (value: unknown) => `\`${String(value).replace(/\|/g, '\\|')}\``;
const number = (value: number) => value.toLocaleString('en-US');
const FORMATS: Record<string, string> = { uuid: 'UUID', 'date-time': 'date-time, ISO 8601 UTC', uri: 'http(s) URL' };
// A format names what such a pattern spells out (a UUID, a date-time); a short pattern says more than its format.
const LONG_PATTERN = 60;

function range(min: number | undefined, max: number | undefined, unit: string): string | null {
  if (min === undefined && max === undefined) return null;
  if (min === undefined) return `at most ${number(max!)}${unit}`;
  if (max === undefined) return `at least ${number(min)}${unit}`;
  return `${number(min)} to ${number(max)}${unit}`;
}

const UUID_PATTERN = (z.toJSONSchema(z.uuid()) as JsonSchema).pattern;

function pattern(source: string, hasFormat: boolean): string | null {
  if (source === UUID_PATTERN) return 'UUID';
  if (hasFormat && source.length > LONG_PATTERN) return null;
  const prefix = /^\^\\?(.)\.\*$/.exec(source);
  return prefix ? `starts with ${code(prefix[1])}` : `matches ${code(source)}`;
}

/** "string, UUID" or "integer, 0 to 100,000": the type and every limit the schema states. */
export function describeType(node: JsonSchema): string {
  const schema = withoutNull(node);
  if (schema.const !== undefined) return `${code(JSON.stringify(schema.const))} (always)`;
  if (schema.enum) return `one of ${schema.enum.map(code).join(', ')}`;
  const parts = [String(schema.type)];
  if (schema.format && FORMATS[schema.format]) parts.push(FORMATS[schema.format]);
  parts.push(range(schema.minLength, schema.maxLength, ' characters') ?? '');
  parts.push(range(schema.minimum, schema.maximum, '') ?? '');
  parts.push(range(schema.minItems, schema.maxItems, ' items') ?? '');
  for (const source of [schema.pattern, ...(schema.allOf ?? []).map((part) => part.pattern)]) {
    if (source) parts.push(pattern(source, Boolean(schema.format)) ?? '');
  }
  if (schema.type === 'object') parts.push('its fields below');
  return [...new Set(parts.filter(Boolean))].join(', ');
}

function carriers(field: string, onWire: boolean, requiredOnWire: boolean): string {
  if (!onWire) return 'every stored event (added by the API)';
  if (requiredOnWire) return 'every event';
  const requiring = EVENT_NAMES.filter((name) => (requiredFields(name) as string[]).includes(field));
  if (!requiring.length) return 'any event, when it applies';
  return `required on ${requiring.map(code).join(', ')}; any other event when it applies`;
}

function fieldsTable(): string[] {
  const { wire, stored } = contractJsonSchemas();
  const rows = Object.entries(stored.properties ?? {}).map(([field, storedNode]) => {
    const wireNode = wire.properties?.[field];
    const requiredOnWire = Boolean(wire.required?.includes(field));
    const sent = !wireNode ? 'no' : requiredOnWire ? 'always' : 'may be omitted or null';
    const atRest = isNullable(storedNode) ? 'null when it does not apply' : 'never null';
    const type = describeType(wireNode ?? storedNode);
    const storedType = describeType(storedNode);
    const typeCell = wireNode && storedType !== type ? `${type}; stored: ${storedType}` : type;
    const note = FIELD_NOTES[field as keyof typeof FIELD_NOTES];
    return `| ${code(field)} | ${typeCell} | ${sent} | ${atRest} | ${code(glueType(storedNode))} | ${carriers(field, Boolean(wireNode), requiredOnWire)} | ${note} |`;
  });
  return [
    '| field | type and limits | sent by the browser | stored | Athena column | carried by | meaning |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ];
}

function nestedRows(prefix: string, node: JsonSchema): string[] {
  const schema = withoutNull(node);
  const item = schema.type === 'array' ? withoutNull(schema.items ?? {}) : schema;
  return Object.entries(item.properties ?? {}).flatMap(([name, child]) => {
    const path = `${prefix}${schema.type === 'array' ? '[]' : ''}.${name}`;
    const note = FIELD_NOTES[path as keyof typeof FIELD_NOTES];
    const required = item.required?.includes(name) ? 'required' : 'optional';
    return [`| ${code(path)} | ${describeType(child)} | ${required} | ${note} |`, ...nestedRows(path, child)];
  });
}

function eventsTable(): string[] {
  const row = (name: EventName) => `| ${code(name)} | ${requiredFields(name).map(code).join(', ') || '—'} |`;
  return ['| `event_name` | must also carry (not null) |', '|---|---|', ...EVENT_NAMES.map(row)];
}

function envelopeTable(envelope: JsonSchema): string[] {
  return [
    '| field | type and limits | required | meaning |',
    '|---|---|---|---|',
    ...Object.entries(envelope.properties ?? {}).map(([name, node]) => {
      const required = envelope.required?.includes(name) ? 'required' : 'optional';
      return `| ${code(name)} | ${describeType(node)} | ${required} | ${FIELD_NOTES[`envelope.${name}` as keyof typeof FIELD_NOTES]} |`;
    }),
  ];
}

export function renderEventsReference(): string {
  const { wire, stored, envelope } = contractJsonSchemas();
  const serverFields = Object.keys(stored.properties ?? {}).filter((field) => !wire.properties?.[field]);
  return [
    '# Event format reference',
    '',
    '<!-- Generated by `npm run docs:reference` from lib/contract/events.ts (meanings: scripts/gen-reference-notes.ts). Do not edit: `npm test` fails when this file and the schema disagree. -->',
    '',
    `The clickstream event format, version ${SCHEMA_VERSION}, as the zod schema in \`lib/contract/events.ts\` defines it for the`,
    'tracker, the ingestion API and the tests. When events are recorded and how they travel:',
    '[Tracking](../tracking.md); the API, its answers and limits: [Ingestion](../ingestion.md); the warehouse',
    'tables loaded from the stored events: [Warehouse tables](warehouse.md).',
    '',
    'Field names are flat snake_case, so one stored event is one row. A stored event has every field below:',
    'a field that does not apply is `null`, never absent. On the wire the browser may leave such fields out;',
    'any field not listed is rejected.',
    '',
    '## Events',
    '',
    ...eventsTable(),
    '',
    'Any other `event_name` is rejected with the reason. On `checkout_start` and `checkout_complete`,',
    '`cart.item_count` must equal the sum of the lines\' quantities; `user_login_state` is `logged_in`',
    'and `identity_source` is `cognito` exactly when `user_id` is set.',
    '',
    '## Request body',
    '',
    'One event object, or an envelope:',
    '',
    ...envelopeTable(envelope),
    '',
    '## Fields',
    '',
    `Added by the API at rest, never sent: ${serverFields.map(code).join(', ')}.`,
    '',
    ...fieldsTable(),
    '',
    ...Object.entries(stored.properties ?? {})
      .filter(([, node]) => withoutNull(node).type === 'object')
      .flatMap(([field, node]) => [
        `## Inside ${code(field)}`,
        '',
        `| field | type and limits | within ${code(field)} | meaning |`,
        '|---|---|---|---|',
        ...nestedRows(field, node),
        '',
      ]),
  ].join('\n');
}
