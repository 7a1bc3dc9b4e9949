// amplify.yml is run by Amplify Hosting, which the suite cannot reach; this checks its structure
// and runs its environment step in bash, as the build image would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../..');
const spec = parse(readFileSync(join(root, 'amplify.yml'), 'utf8'));
const { preBuild, build } = spec.frontend.phases as Record<string, { commands: string[] }>;
const buildIndex = build.commands.indexOf('npm run build');
const workDir = mkdtempSync(join(tmpdir(), 'lumen-amplify-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs the build phase's commands that come before `npm run build`, in bash, with only `env` set. */
function runEnvStep(env: Record<string, string>): string {
  execFileSync('bash', ['--norc', '--noprofile', '-euo', 'pipefail', '-c', build.commands.slice(0, buildIndex).join('\n')], {
    cwd: workDir,
    env: { PATH: process.env.PATH!, ...env },
  });
  return readFileSync(join(workDir, '.env.production'), 'utf8');
}

describe('amplify.yml', () => {
  it('installs with npm install (never npm ci) on Node 22 before building', () => {
    expect(spec.version).toBe(1);
    expect(preBuild.commands[0]).toBe('nvm use 22');
    expect(preBuild.commands.some((command) => command.startsWith('npm install '))).toBe(true);
    expect([...preBuild.commands, ...build.commands].some((command) => /\bnpm ci\b/.test(command))).toBe(false);
    expect(buildIndex).toBeGreaterThan(0);
  });

  it('serves the Next.js build output and caches the build and npm caches', () => {
    expect(spec.frontend.artifacts).toEqual({ baseDirectory: '.next', files: ['**/*'] });
    expect(spec.frontend.cache.paths).toEqual(['.next/cache/**/*', '.npm/**/*']);
  });

  it('writes every NEXT_PUBLIC_* and CLICKSTREAM_* variable of .env.example to .env.production, and nothing else', () => {
    const documented = [...readFileSync(join(root, '.env.example'), 'utf8').matchAll(/^#?\s*((?:NEXT_PUBLIC|CLICKSTREAM)_[A-Z0-9_]+)=/gm)].map(
      (match) => match[1],
    );
    expect(documented).toContain('NEXT_PUBLIC_COGNITO_USER_POOL_ID');
    expect(documented).toContain('NEXT_PUBLIC_CLICKSTREAM_ENDPOINT');
    expect(documented).toContain('NEXT_PUBLIC_INSIGHTS_ENDPOINT');
    const values = Object.fromEntries(documented.map((name, index) => [name, `value-${index}`]));
    const written = runEnvStep({ ...values, AWS_SECRET_ACCESS_KEY: 'build-image-secret', SOME_NEXT_PUBLIC_THING: 'x' });
    const lines = written.trim().split('\n').sort();
    expect(lines).toEqual(Object.entries(values).map(([name, value]) => `${name}=${value}`).sort());
    expect(written).not.toContain('build-image-secret');
  });

  it('still builds when no variable is set (the store runs on its defaults)', () => {
    expect(runEnvStep({})).toBe('');
  });
});
