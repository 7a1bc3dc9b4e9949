// Starts the Kinesis emulator kinesis-local (the kinesis-mock project) on 127.0.0.1 only.
// Usage: node scripts/kinesis-local.mjs --port 4577 [--tls-port 4579] [--streams clickstream-events:1]
// Its main.js binds every interface ("0.0.0.0" is compiled in) and reads its TLS certificate
// (server.json) from the working directory, so this wrapper pins every listen() to loopback and
// runs it from its package folder. In memory: a restart starts with empty streams.
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { portOwner, probePort } from './dev-ports.mjs';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4577' }, 'tls-port': { type: 'string' }, streams: { type: 'string' } },
});
const host = '127.0.0.1';
const port = Number(values.port);
// The TLS listener cannot be turned off; it takes the next port unless told otherwise.
const tlsPort = Number(values['tls-port'] ?? port + 1000);
const root = path.resolve(import.meta.dirname, '..');
const fail = (message) => {
  console.error(`[kinesis-local] ${message}`);
  process.exit(1);
};

for (const [name, candidate] of [['--port', port], ['--tls-port', tlsPort]]) {
  if (!Number.isInteger(candidate) || candidate < 1 || candidate > 65535) fail(`${name} must be a port number from 1 to 65535.`);
  const code = await probePort(candidate, host);
  if (code === 'EADDRINUSE') {
    const owner = portOwner(candidate, root);
    fail(`port ${candidate} on ${host} is taken${owner ? ` by ${owner}` : ''}.`);
  }
  if (code) fail(`port ${candidate} on ${host} cannot be opened (${code}).`);
}

// net.Server.listen(port[, host][, backlog][, callback]) and listen(options[, callback]): the host
// becomes loopback whatever the emulator asked for (tls.Server inherits this listen).
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'object' && args[0] !== null) return listen.call(this, { ...args[0], host }, ...args.slice(1));
  const [first, ...rest] = args;
  const callback = typeof rest.at(-1) === 'function' ? [rest.pop()] : [];
  if (typeof rest[0] === 'string') rest.shift();
  return listen.call(this, first, host, ...rest, ...callback);
};

const packageJson = createRequire(import.meta.url).resolve('kinesis-local/package.json');
Object.assign(process.env, {
  KINESIS_MOCK_PLAIN_PORT: String(port),
  KINESIS_MOCK_TLS_PORT: String(tlsPort),
  LOG_LEVEL: process.env.KINESIS_LOCAL_LOG_LEVEL ?? 'WARN',
  ...(values.streams ? { INITIALIZE_STREAMS: values.streams } : {}),
});
process.chdir(path.dirname(packageJson));
// The emulator replaces process.exit with its graceful shutdown, which waits seconds for open
// connections (longer than `npm run dev` waits). It holds nothing to flush (in memory), so a signal
// ends it at once, before its own handlers run.
const exit = process.exit.bind(process);
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.prependListener(signal, () => exit(0));
createRequire(packageJson)('./main.js');

