// Runs `npm run dev`'s services as child processes, one after the other, each waited for until it
// answers; if one dies, the rest are stopped, and Ctrl-C stops them all.
import { spawn } from 'node:child_process';

// Node's --inspect flags stay with the service being debugged (Next.js): another process given the
// same flag would take the inspector's port first.
const INSPECT_FLAG = /--inspect(-brk|-wait)?(=\S*)?/g;
const withoutInspector = (env) => ({ ...env, NODE_OPTIONS: (env.NODE_OPTIONS ?? '').replace(INSPECT_FLAG, '').trim() });

async function answersHttp(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false; // Not listening yet.
  }
}

async function becomesReady(ready, isStopping, timeoutMs) {
  const check = typeof ready === 'string' ? () => answersHttp(ready) : ready;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !isStopping()) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** `onExit(code)` runs once, after every child has exited (or 5 s after asking them to). */
export function createServices({ cwd, env, onExit }) {
  const children = new Set();
  let stopping = false;

  function stopAll(code) {
    if (stopping) return;
    stopping = true;
    let exited = false;
    const exit = () => {
      if (!exited) onExit(code);
      exited = true;
    };
    const done = () => children.size === 0 && exit();
    for (const child of children) {
      child.once('exit', done);
      if (child.exitCode === null) child.kill('SIGTERM');
    }
    setTimeout(exit, 5000).unref();
    done();
  }

  /**
   * Starts `node <args>` and resolves once it is ready: `ready` is a URL that must answer 2xx, or an
   * async check returning true; without `ready`, at once.
   * `debug: true` passes NODE_OPTIONS' --inspect on to this service. Returns false if it failed.
   */
  async function start({ name, args, env: extra = {}, ready, debug = false }) {
    if (stopping) return false;
    const childEnv = { ...env, ...extra };
    const child = spawn(process.execPath, args, { cwd, stdio: 'inherit', env: debug ? childEnv : withoutInspector(childEnv) });
    children.add(child);
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (stopping) return;
      // A service that could not start has said why itself; one line says what happens next.
      console.error(`[dev] ${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
      stopAll(code || 1);
    });
    if (!ready || (await becomesReady(ready, () => stopping, 30_000))) return !stopping;
    if (!stopping) console.error(`[dev] ${name} was not ready within 30 s${typeof ready === 'string' ? ` (${ready})` : ''}; stopping.`);
    stopAll(1);
    return false;
  }

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stopAll(0));
  return { start, stopAll };
}
