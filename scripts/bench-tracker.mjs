// Bundles the browser tracker (components/tracking and the lib/clickstream code they use) the way
// a browser gets it — minified, production mode — and prints its gzip size. React, Next.js,
// aws-amplify and the store's own sign-in setup (lib/auth) are left out: the store loads them
// anyway. zod is left out too, and the tracker must not reference it at all.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
// The client components are what the browser gets ('use client': a server component arrives as
// HTML); the library comes in through them, tree-shaken.
const dirs = ['components/tracking'];
const sources = dirs.flatMap((dir) =>
  fs
    .readdirSync(path.join(root, dir))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .filter((f) => /^['"]use client['"]/.test(fs.readFileSync(path.join(root, dir, f), 'utf8')))
    .map((f) => `./${dir}/${f}`),
);

const result = await build({
  stdin: { contents: sources.map((s) => `export * from '${s}';`).join('\n'), resolveDir: root, loader: 'ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  logLevel: 'silent',
  tsconfig: path.join(root, 'tsconfig.json'),
  define: { 'process.env.NODE_ENV': '"production"', 'process.env.NEXT_PUBLIC_CLICKSTREAM_ENDPOINT': 'undefined' },
  external: ['react', 'react/*', 'react-dom', 'next', 'next/*', 'aws-amplify', 'aws-amplify/*', '@/lib/auth/*', 'zod', '@/lib/contract/events'],
  outdir: path.join(root, '.next/bench-tracker'),
  loader: { '.module.css': 'local-css' },
});

const code = result.outputFiles.find((f) => f.path.endsWith('.js')).text;
const gzip = gzipSync(code, { level: 9 }).length;
console.log(`tracker files: ${sources.length}`);
console.log(`tracker minified bytes: ${code.length}`);
console.log(`tracker ships zod: ${/["']zod["']|lib\/contract/.test(code) ? 'yes' : 'no'}`);
console.log(`tracker gzip bytes: ${gzip}`);
