// Real servers for the ingestion tests, each on 127.0.0.1 and a free port, stopped by the test.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, output: () => string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`server at ${url} did not start: ${output()}`);
}

export type RunningServer = { endpoint: string; dir: string; stop(): Promise<void> };

function start(args: string[], env: Record<string, string>, dir: string, endpoint: string, probe: string): Promise<RunningServer> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return waitFor(probe, child, () => output).then(
    () => ({ endpoint, dir, stop }),
    async (error) => {
      await stop();
      throw error;
    },
  );
}

/** s3rver with one bucket; its access key and secret are both S3RVER. */
export async function startS3rver(bucket: string): Promise<RunningServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  // Found from this module, not the working directory, so infra/'s tests can start it too.
  const bin = fileURLToPath(new URL('../../node_modules/s3rver/bin/s3rver.js', import.meta.url));
  const endpoint = `http://127.0.0.1:${port}`;
  // Its paged listings use a cipher that OpenSSL 3 only offers with the legacy provider.
  return start([bin, '-d', dir, '-a', '127.0.0.1', '-p', String(port), '--silent', '--configure-bucket', bucket], { NODE_OPTIONS: '--openssl-legacy-provider' }, dir, endpoint, endpoint);
}

/** The repository's cognito-local launcher, seeded with the demo pool and shopper. */
export async function startCognitoLocal(): Promise<RunningServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-local-'));
  const endpoint = `http://127.0.0.1:${port}`;
  return start([path.resolve('scripts/cognito-local.mjs'), '--port', String(port), '--dir', dir], {}, dir, endpoint, `${endpoint}/health`);
}

/** Signs a user in to a cognito-local app client (USER_PASSWORD_AUTH, its only flow); resolves to its tokens. */
export async function cognitoLocalTokens(endpoint: string, clientId: string, user: { email: string; password: string }): Promise<{ IdToken: string; AccessToken: string }> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: user.email, PASSWORD: user.password } }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${user.email} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { AuthenticationResult: { IdToken: string; AccessToken: string } }).AuthenticationResult;
}

/** The repository's kinesis-local launcher (in memory, loopback only), with `streams` created at start ("name:shards,..."). */
export async function startKinesisLocal(streams?: string): Promise<RunningServer> {
  const [port, tlsPort] = [await freePort(), await freePort()];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinesis-local-'));
  const endpoint = `http://127.0.0.1:${port}`;
  const launcher = fileURLToPath(new URL('../../scripts/kinesis-local.mjs', import.meta.url));
  const args = [launcher, '--port', String(port), '--tls-port', String(tlsPort), ...(streams ? ['--streams', streams] : [])];
  return start(args, {}, dir, endpoint, endpoint);
}

/** dynalite, the DynamoDB emulator, in memory. Its probe is any HTTP answer: it has no health route. */
export async function startDynaliteServer(): Promise<RunningServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dynalite-'));
  const endpoint = `http://127.0.0.1:${port}`;
  const bin = fileURLToPath(new URL('../../node_modules/dynalite/cli.js', import.meta.url));
  return start([bin, '--host', '127.0.0.1', '--port', String(port)], {}, dir, endpoint, endpoint);
}
