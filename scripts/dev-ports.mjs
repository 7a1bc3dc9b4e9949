// The dev services' ports: read from the environment with documented defaults, checked before
// anything starts, so a taken port is one line naming the port, its owner and the variable to set.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export class PortError extends Error {}

/**
 * `specs` maps a service to `{ variable, fallback, host }`; `host` undefined means every interface
 * (what `next dev` binds). Returns `{ [service]: { variable, port, host } }`.
 */
export function readPorts(env, specs) {
  return Object.fromEntries(
    Object.entries(specs).map(([service, { variable, fallback, host }]) => {
      const raw = env[variable]?.trim();
      const port = raw ? Number(raw) : fallback;
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new PortError(`${variable} must be a port number from 1 to 65535 (got "${raw}").`);
      }
      return [service, { variable, port, host }];
    }),
  );
}

/** null when the port can be listened on, else the listen error's code (EADDRINUSE, EACCES...). */
export function probePort(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error) => resolve(error.code ?? 'error'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

/** Whether something accepts connections on 127.0.0.1:`port`: a service's readiness check. */
export function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Throws a PortError for the first port that cannot be listened on; checks them all before any starts. */
export async function checkPorts(ports, root) {
  const taken = new Set(Object.values(ports).map(({ port }) => port));
  const seen = new Set();
  for (const { variable, port, host } of Object.values(ports)) {
    if (seen.has(port)) throw new PortError(`Port ${port} is set for two services; give ${variable} another one.`);
    seen.add(port);
    const code = await probePort(port, host);
    if (!code) continue;
    const free = await suggestFreePort(port, host, taken);
    const hint = `Set ${variable} to a free port${free ? `, e.g. ${variable}=${free} npm run dev` : ''}.`;
    if (code === 'EACCES') throw new PortError(`Port ${port} needs privileges this user does not have. ${hint}`);
    if (code !== 'EADDRINUSE') throw new PortError(`Port ${port} cannot be opened (${code}). ${hint}`);
    const owner = portOwner(port, root);
    throw new PortError(`Port ${port} is taken${owner ? ` by ${owner}` : ''}. ${hint}`);
  }
}

async function suggestFreePort(port, host, taken) {
  for (let candidate = port + 1; candidate <= Math.min(port + 20, 65535); candidate += 1) {
    if (!taken.has(candidate) && !(await probePort(candidate, host))) return candidate;
  }
  return null;
}

/** Who listens on `port`, from Linux's /proc (null elsewhere or when it cannot be read). */
export function portOwner(port, root) {
  try {
    const inodes = listeningInodes(port);
    if (!inodes.size) return null;
    const pid = pidOwningSocket(inodes);
    return pid ? describeProcess(pid, root) : null;
  } catch {
    return null;
  }
}

function listeningInodes(port) {
  const inodes = new Set();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      const localPort = parseInt(columns[1].split(':')[1], 16);
      if (localPort === port && columns[3] === '0A') inodes.add(columns[9]);
    }
  }
  return inodes;
}

function pidOwningSocket(inodes) {
  const targets = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let fds;
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // Gone, or not ours to read.
    }
    for (const fd of fds) {
      try {
        if (targets.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))) return Number(pid);
      } catch {
        // Closed while we looked.
      }
    }
  }
  return null;
}

const cmdline = (pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
const parentOf = (pid) => Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);

/** `npm run dev` of this project when the process is one of its services, else its name and pid. */
export function describeProcess(pid, root) {
  for (let ancestor = pid; ancestor > 1; ancestor = parentOf(ancestor)) {
    if (cmdline(ancestor).some((arg) => arg.endsWith(`scripts${path.sep}dev.mjs`))) {
      const cwd = fs.readlinkSync(`/proc/${ancestor}/cwd`);
      const where = path.resolve(cwd) === path.resolve(root) ? 'of this project' : `in ${cwd}`;
      return `another \`npm run dev\` ${where} (pid ${ancestor})`;
    }
  }
  // The command line holds the process title (`next-server (v16...)`); for node, name its script too.
  const [program, ...args] = cmdline(pid);
  if (!program) return `${fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim()} (pid ${pid})`;
  const script = path.basename(program).startsWith('node') ? args.find((arg) => !arg.startsWith('-')) : undefined;
  const shown = script && path.isAbsolute(script) && script.startsWith(root) ? path.relative(root, script) : script;
  return `${[path.basename(program), shown].filter(Boolean).join(' ')} (pid ${pid})`;
}
