import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_LAMBDA_DIR } from '../lib/lambda-code';

const RESULT_MARK = '\n--handler-result--\n';
export type HandlerResult = { statusCode: number; headers: Record<string, string>; body: string };

/**
 * Runs the bundle in `dir` on one event in a new Node process, as Lambda runs it: with the given
 * environment only. Resolves to what the handler returned and what it printed, or rejects
 * with the handler's error (its message in the rejection's `stderr`).
 */
export async function runBundle<T>(dir: string, env: Record<string, string>, event: unknown): Promise<{ result: T; stdout: string; stderr: string }> {
  // The handler logs lines to stdout as well; its result comes after a marker.
  const script = `const { handler } = await import(${JSON.stringify(join(dir, 'index.mjs'))});
process.stdout.write(${JSON.stringify(RESULT_MARK)} + JSON.stringify(await handler(JSON.parse(process.env.TEST_EVENT))));`;
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, ...env, TEST_EVENT: JSON.stringify(event) },
    timeout: 30_000,
  });
  const mark = stdout.lastIndexOf(RESULT_MARK);
  return { result: JSON.parse(stdout.slice(mark + RESULT_MARK.length)) as T, stdout: stdout.slice(0, mark), stderr };
}

/**
 * One `POST /clickstream` through the bundled ingestion handler, with an HTTP API (payload 2.0) event.
 */
export async function invokeBundledHandler(env: Record<string, string>, body: string, origin: string): Promise<HandlerResult> {
  const event = {
    version: '2.0',
    routeKey: 'POST /clickstream',
    rawPath: '/clickstream',
    headers: { 'content-type': 'application/json', origin, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/142.0 Safari/537.36' },
    body,
    isBase64Encoded: false,
    requestContext: { requestId: `req-${randomUUID()}`, timeEpoch: Date.now(), http: { method: 'POST', sourceIp: '203.0.113.7' } },
  };
  return (await runBundle<HandlerResult>(DEFAULT_LAMBDA_DIR, env, event)).result;
}
