// The group check as the Lambda uses it, with claims API Gateway's JWT authorizer already verified.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../ingest/log';
import { createInsightsHandler, groupsOf } from './core';

// No query may run: the group check comes first.
const db = { query: () => Promise.reject(new Error('no query expected')) } as never;

describe('the analysts group check', () => {
  it.each<[unknown, string[]]>([
    [['analysts', 'editors'], ['analysts', 'editors']],
    ['[analysts editors]', ['analysts', 'editors']],
    ['analysts', ['analysts']],
    [undefined, []],
    [42, []],
  ])('reads cognito:groups %j', (groups, expected) => {
    expect(groupsOf({ 'cognito:groups': groups })).toEqual(expected);
  });

  it('answers 403 to verified claims outside the group before reading anything', async () => {
    const handle = createInsightsHandler({ db, verifyToken: null, log: silentLogger });
    const response = await handle({ report: 'overview', from: null, to: null, identity: { claims: { sub: 'x', 'cognito:groups': '[shoppers]' } } });
    expect(response.status).toBe(403);
  });

  it('lets an analyst past the check to the range (400 here, so still no query)', async () => {
    const handle = createInsightsHandler({ db, verifyToken: null, log: silentLogger });
    const response = await handle({ report: 'overview', from: 'soon', to: null, identity: { claims: { 'cognito:groups': '[analysts]' } } });
    expect(response.status).toBe(400);
  });
});
