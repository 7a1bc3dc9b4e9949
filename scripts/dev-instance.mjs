// One `npm run dev` per working tree: the first one writes .data/dev-instance.json, a second one
// reads it before touching anything (ports, emulator data) and stops with a message.
import fs from 'node:fs';
import path from 'node:path';

export class InstanceError extends Error {}

function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return error.code === 'EPERM';
  }
  // A reused pid is not our instance: on Linux, check that it still runs scripts/dev.mjs.
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dev.mjs');
  } catch {
    return true;
  }
}

/**
 * Claims the working tree for this process, or throws an InstanceError describing the running one.
 * `info` (ports, URL) is kept in the file for that message. Returns `release()`.
 */
export function claimInstance(root, info) {
  const file = path.join(root, '.data', 'dev-instance.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const record = JSON.stringify({ pid: process.pid, started: new Date().toISOString(), ...info }, null, 2);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(file, record, { flag: 'wx' });
      return () => {
        if (readRecord(file)?.pid === process.pid) fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const running = readRecord(file);
    // Unreadable and brand new: another instance is writing it right now.
    if (!running && Date.now() - fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs < 5000) {
      throw new InstanceError('another `npm run dev` is starting in this folder; use that one.');
    }
    if (running?.pid && alive(running.pid)) {
      const since = running.started ? `, since ${running.started.slice(11, 16)} UTC` : '';
      const url = running.url ? `, the store on ${running.url}` : '';
      throw new InstanceError(
        `\`npm run dev\` is already running in this folder (pid ${running.pid}${since}${url}). ` +
          'Use that one, or stop it (Ctrl-C in its terminal) before starting another.',
      );
    }
    // Left behind by an instance that was killed: take its place.
    fs.rmSync(file, { force: true });
  }
  throw new InstanceError(`could not claim ${file}; remove it if no \`npm run dev\` is running.`);
}

function readRecord(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
