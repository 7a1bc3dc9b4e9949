// Starts cognito-local on 127.0.0.1 with a freshly seeded demo pool, quietly: it says nothing
// once it listens (its callers do), and a taken port is one line instead of a stack trace.
// Usage: node scripts/cognito-local.mjs --port 9329 --dir .cognito/dev
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { seedCognito } from './cognito-seed.mjs';
import { portOwner, probePort } from './dev-ports.mjs';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '9329' }, dir: { type: 'string', default: '.cognito/dev' } },
});
const port = Number(values.port);
const host = '127.0.0.1';
const root = path.resolve(import.meta.dirname, '..');
const fail = (message) => {
  console.error(`[cognito-local] ${message}`);
  process.exit(1);
};

// Checked before the data folder is replaced: an emulator on this port may be using it.
const code = await probePort(port, host);
if (code === 'EADDRINUSE') {
  const owner = portOwner(port, root);
  fail(`port ${port} on ${host} is taken${owner ? ` by ${owner}` : ''}.`);
}
if (code) fail(`port ${port} on ${host} cannot be opened (${code}).`);

// cognito-local always reads `.cognito/` under its cwd, so the given dir becomes its cwd.
const cwd = path.resolve(values.dir);
const dataDir = path.join(cwd, '.cognito');
fs.rmSync(dataDir, { recursive: true, force: true });
seedCognito(dataDir, { port, host });
process.chdir(cwd);

// Read by cognito-local when it loads: its port and host, and the AWS SDK v2 end-of-support notice it triggers.
Object.assign(process.env, { PORT: String(port), HOST: host });
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
const fromEmulator = createRequire(createRequire(import.meta.url).resolve('cognito-local/package.json'));
const pino = fromEmulator('pino');
const pretty = fromEmulator('pino-pretty');
const { createDefaultServer } = fromEmulator('./lib/index.js');

const logger = pino(
  { level: process.env.DEBUG ? 'debug' : 'info' },
  pretty({ colorize: process.stdout.isTTY, ignore: 'pid,name,hostname,reqId,target', singleLine: true, translateTime: 'HH:MM:ss' }),
);
const server = await createDefaultServer(logger)
  .then((emulator) => emulator.start())
  .catch((error) => fail(error.code === 'EADDRINUSE' ? `port ${port} on ${host} was taken while starting.` : String(error)));

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
