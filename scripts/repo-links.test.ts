// The repository explains itself: no file points outside it, so a fresh clone has no dead links.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
// Tracked files and new ones not yet committed (git's ignore rules apply), text only.
const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((file) => file && fs.existsSync(path.join(root, file)) && !/\.(svg|png|ico|jpe?g|gif|webp|woff2?|zip)$|package-lock\.json$/.test(file));
const lines = (file: string) => fs.readFileSync(path.join(root, file), 'utf8').split('\n');

// The spec folder beside the repository, and its section numbers, which a clone cannot look up.
// Spelled in parts so that this file does not match itself.
const OUTSIDE = new RegExp([['shared', 'contract'].join('/'), '\\.\\./shared/', ['contract', 'sections?'].join(' ') + ' \\d'].join('|'), 'i');
// [text](target) and [label]: target
const MARKDOWN_LINK = /\[[^\]]*\]\(([^)\s]+)[^)]*\)|^\s*\[[^\]]+\]:\s*(\S+)/g;

function markdownLinks(file: string) {
  return lines(file).flatMap((line, index) =>
    [...line.matchAll(MARKDOWN_LINK)].map((match) => ({ at: `${file}:${index + 1}`, target: (match[1] ?? match[2]).replace(/^<|>$/g, '') })),
  );
}

const relative = (target: string) => !/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(target);

describe('links', () => {
  it('no file mentions the spec folder outside the repository', () => {
    const mentions = files.flatMap((file) => lines(file).flatMap((line, index) => (OUTSIDE.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])));
    expect(mentions, 'point to docs/reference/ or docs/ instead').toEqual([]);
  });

  it("every relative markdown link stays inside the repository and finds its target", () => {
    const links = files.filter((file) => file.endsWith('.md')).flatMap(markdownLinks).filter((link) => relative(link.target));
    expect(links.length).toBeGreaterThan(5);
    const broken = links.flatMap(({ at, target }) => {
      const resolved = path.resolve(root, path.dirname(at.split(':')[0]), decodeURI(target.split(/[#?]/)[0]));
      if (path.relative(root, resolved).startsWith('..')) return [`${at}: ${target} leaves the repository`];
      return fs.existsSync(resolved) ? [] : [`${at}: ${target} does not exist`];
    });
    expect(broken).toEqual([]);
  });
});
