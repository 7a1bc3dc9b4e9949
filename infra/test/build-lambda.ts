import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Vitest global setup: bundles the project's handler with the root's own build script. */
export default function setup(): void {
  if (!existsSync(resolve(root, 'node_modules'))) {
    throw new Error('Run `npm install` at the repository root first: the Lambda bundle is built from it.');
  }
  execFileSync('npm', ['run', '--silent', 'build:lambda'], { cwd: root, stdio: 'inherit' });
}
