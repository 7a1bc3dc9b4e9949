// `npm run dev`: the store on its embedded defaults. Starts the Cognito emulator (seeded with the
// demo shopper) and `next dev` wired to it, unless the developer configured a user pool of their
// own, then, with CLICKSTREAM_SINK=kinesis, the stream emulators and worker (scripts/dev-stream.mjs),
// then the warehouse (scripts/dev-warehouse.mjs). Ctrl-C stops them all; if one dies, the rest are stopped too. A service more is one
// entry in `PORTS` (when it listens) and one `services.start(...)` call.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { DEMO_POOL } from './cognito-seed.mjs';
import { claimInstance, InstanceError } from './dev-instance.mjs';
import { checkPorts, PortError, readPorts } from './dev-ports.mjs';
import { createServices } from './dev-services.mjs';
import { streamEnv, streamPorts, streamServices } from './dev-stream.mjs';
import { warehousePorts, warehouseService } from './dev-warehouse.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

// Read .env* the way Next.js will, so settings in .env.local count here too.
const { loadEnvConfig } = createRequire(require.resolve('next/package.json'))('@next/env');
const fileEnv = loadEnvConfig(root, true, { info: () => {}, error: console.error }).combinedEnv;
const setting = (name) => process.env[name] || fileEnv[name];
const ownPool = setting('NEXT_PUBLIC_COGNITO_USER_POOL_ID');

const PORTS = {
  next: { variable: 'PORT', fallback: 3000 },
  ...(ownPool ? {} : { cognito: { variable: 'COGNITO_LOCAL_PORT', fallback: 9329, host: '127.0.0.1' } }),
  ...warehousePorts(setting),
  ...streamPorts(setting),
};

function fail(error) {
  if (!(error instanceof PortError || error instanceof InstanceError)) throw error;
  console.error(`[dev] ${error.message}`);
  process.exit(1);
}

let release = () => {};
let ports;
try {
  ports = readPorts({ ...fileEnv, ...process.env }, PORTS);
  release = claimInstance(root, { url: `http://localhost:${ports.next.port}` });
  await checkPorts(ports, root);
} catch (error) {
  release();
  fail(error);
}

const services = createServices({
  cwd: root,
  // Quiet by default; each can be turned back on by setting it in the environment.
  // Stream mode's names and endpoints go to every service: the store, the worker and the warehouse loop read them alike.
  env: { NEXT_TELEMETRY_DISABLED: '1', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env, ...streamEnv(ports) },
  onExit: (code) => {
    release();
    process.exit(code);
  },
});

const nextEnv = {};
if (ownPool) {
  console.log(`[dev] Using your Cognito user pool ${ownPool}; the local emulator is not started.`);
} else {
  const endpoint = `http://127.0.0.1:${ports.cognito.port}`;
  const started = await services.start({
    name: 'Cognito emulator',
    args: ['scripts/cognito-local.mjs', '--port', String(ports.cognito.port), '--dir', '.cognito/dev'],
    ready: `${endpoint}/health`,
  });
  Object.assign(nextEnv, {
    NEXT_PUBLIC_COGNITO_USER_POOL_ID: DEMO_POOL.userPoolId,
    NEXT_PUBLIC_COGNITO_CLIENT_ID: DEMO_POOL.clientId,
    NEXT_PUBLIC_COGNITO_REGION: 'local',
    NEXT_PUBLIC_COGNITO_ENDPOINT: endpoint,
    NEXT_PUBLIC_COGNITO_AUTH_FLOW: 'USER_PASSWORD_AUTH',
    // The ingestion API verifies the shoppers' tokens against the emulator too.
    CLICKSTREAM_COGNITO_ISSUER: `${endpoint}/${DEMO_POOL.userPoolId}`,
    CLICKSTREAM_COGNITO_CLIENT_ID: DEMO_POOL.clientId,
  });
  if (started) console.log(`[dev] Cognito emulator on ${endpoint}; demo shopper in scripts/cognito-seed.mjs.`);
}

for (const { started, ...service } of streamServices(ports)) {
  if ((await services.start(service)) && started) console.log(started);
}

await services.start({
  name: 'next dev',
  args: [require.resolve('next/dist/bin/next'), 'dev', '-p', String(ports.next.port)],
  env: nextEnv,
  debug: true,
});
const warehouse = warehouseService(setting, ports.warehouse);
if (warehouse) await services.start(warehouse);
