// Bundles the Lambda adapter into dist/lambda/index.mjs (the folder the CDK stack deploys) and
// packs it as dist/clickstream-lambda.zip for deploying by hand (aws lambda update-function-code).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'dist/lambda');
const outFile = path.join(outDir, 'index.mjs');
const zipFile = path.join(root, 'dist/clickstream-lambda.zip');

fs.rmSync(outDir, { recursive: true, force: true });
const result = await build({
  entryPoints: [path.join(root, 'lambda/handler.ts')],
  outfile: outFile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // The AWS SDK is CommonJS and requires Node built-ins; give the ESM bundle a `require`.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
});

const code = fs.readFileSync(outFile);
// A fixed date keeps the zip byte-for-byte reproducible; Unix mode 644 so Lambda can read the file.
const entry = { level: 9, mtime: new Date('1980-01-01T00:00:00'), os: 3, attrs: (0o100644 << 16) >>> 0 };
fs.writeFileSync(zipFile, zipSync({ 'index.mjs': [code, entry] }));
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
console.log(`lambda: ${path.relative(root, outFile)} ${kb(code.length)}, ${path.relative(root, zipFile)} ${kb(fs.statSync(zipFile).size)}`);
if (result.warnings.length) process.exitCode = 1;
