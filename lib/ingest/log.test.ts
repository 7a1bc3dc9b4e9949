import { afterEach, describe, expect, it, vi } from 'vitest';
import { devLogger, jsonLogger } from './log';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  return { out, err };
}
afterEach(() => vi.restoreAllMocks());

const request = { request_id: 'r1', method: 'POST', status: 202, origin: null, accepted: 3, rejected: 1, error: null, duration_ms: 12 };

describe('devLogger (next dev)', () => {
  it('prints one short line per request, with what was accepted and rejected', () => {
    const { out, err } = capture();
    devLogger('info', 'clickstream request', request);
    devLogger('info', 'clickstream request', { ...request, method: 'OPTIONS', status: 204, accepted: 0, rejected: 0, duration_ms: 1 });
    devLogger('info', 'clickstream request', { ...request, status: 400, accepted: 0, error: 'every event was rejected' });
    expect(out).toEqual([
      '[clickstream] POST 202 · 3 accepted, 1 rejected · 12 ms',
      '[clickstream] OPTIONS 204 · 1 ms',
      '[clickstream] POST 400 · 0 accepted, 1 rejected · every event was rejected · 12 ms',
    ]);
    expect(err).toEqual([]);
  });

  it('puts warnings on one line with their cause, and errors with their stack', () => {
    const { out, err } = capture();
    devLogger('warn', 'token not verified', { error_name: 'JwtExpiredError', error_message: 'Token expired' });
    devLogger('error', 'event store failed', { request_id: 'r2', error_name: 'Error', error_message: 'EACCES', stack: 'Error: EACCES\n    at write' });
    expect(out).toEqual([]);
    expect(err).toEqual([
      '[clickstream] warn: token not verified (JwtExpiredError: Token expired)',
      '[clickstream] error: event store failed (Error: EACCES)\nError: EACCES\n    at write',
    ]);
  });
});

describe('jsonLogger (production, Lambda)', () => {
  it('prints one JSON object per line, info on stdout and the rest on stderr', () => {
    const { out, err } = capture();
    jsonLogger('info', 'clickstream request', request);
    jsonLogger('warn', 'token not verified', { error_message: 'x' });
    expect(JSON.parse(out[0])).toMatchObject({ level: 'info', message: 'clickstream request', ...request });
    expect(JSON.parse(err[0])).toMatchObject({ level: 'warn', message: 'token not verified', error_message: 'x' });
  });
});
