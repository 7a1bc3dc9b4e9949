import { describe, expect, it } from 'vitest';
import { glueType, storedEventColumns } from '../lib/glue-columns';

describe('Glue types from the contract schema', () => {
  it('maps nullable scalars, integer literals, arrays and objects', () => {
    expect(glueType({ anyOf: [{ type: 'number' }, { type: 'null' }] })).toBe('double');
    expect(glueType({ type: ['string', 'null'] })).toBe('string');
    expect(glueType({ type: 'number', const: 1 })).toBe('int');
    expect(glueType({ type: 'array', items: { type: 'integer' } })).toBe('array<int>');
    expect(glueType({ type: 'object', properties: { a: { type: 'boolean' }, b: { type: 'string' } } })).toBe('struct<a:boolean,b:string>');
  });

  it('refuses what one column cannot hold instead of guessing', () => {
    expect(() => glueType({ anyOf: [{ type: 'string' }, { type: 'number' }] })).toThrow(/union of 2 types/);
    expect(() => glueType({ type: ['string', 'boolean', 'null'] })).toThrow(/string\|boolean/);
    expect(() => glueType({})).toThrow(/no Glue type/);
  });

  it('notes on the timestamp columns how to read them', () => {
    const commented = storedEventColumns().filter((column) => column.comment);
    expect(commented.map((column) => column.name)).toEqual(['client_timestamp', 'event_timestamp']);
  });
});
