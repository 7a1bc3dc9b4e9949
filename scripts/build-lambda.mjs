// Bundles the Lambda adapters, one folder each under dist/ (the folders the CDK app deploys):
//   dist/lambda/index.mjs           POST /clickstream (lambda/handler.ts), also packed as
//                                   dist/clickstream-lambda.zip for `aws lambda update-function-code`
//   dist/lambda-loader/index.mjs    the scheduled warehouse load (lambda/loader-handler.ts), with
//                                   migrations/ beside it: the migrator reads them next to its module
//   dist/lambda-insights/index.mjs  GET /insights/{report} (lambda/insights-handler.ts)
//   dist/lambda-live/index.mjs      the live view's stream consumer (lambda/live-consumer-handler.ts),
//                                   deployed only with the stream transport (`cdk synth -c transport=stream`)
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const rel = (file) => path.relative(root, file);
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

const BUNDLES = [
  { entry: 'lambda/handler.ts', outDir: 'dist/lambda', zip: 'dist/clickstream-lambda.zip' },
  { entry: 'lambda/loader-handler.ts', outDir: 'dist/lambda-loader', copy: { from: 'lib/warehouse/migrations', to: 'migrations' } },
  { entry: 'lambda/insights-handler.ts', outDir: 'dist/lambda-insights' },
  { entry: 'lambda/live-consumer-handler.ts', outDir: 'dist/lambda-live' },
];

let warnings = 0;
for (const bundle of BUNDLES) {
  const outDir = path.join(root, bundle.outDir);
  const outFile = path.join(outDir, 'index.mjs');
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: [path.join(root, bundle.entry)],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    // pg's optional native binding is never used (pure JavaScript client).
    external: ['pg-native'],
    // The AWS SDK is CommonJS and requires Node built-ins; give the ESM bundle a `require`.
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  });
  warnings += result.warnings.length;
  if (bundle.copy) fs.cpSync(path.join(root, bundle.copy.from), path.join(outDir, bundle.copy.to), { recursive: true });
  const code = fs.readFileSync(outFile);
  let line = `lambda: ${rel(outFile)} ${kb(code.length)}`;
  if (bundle.copy) line += ` + ${bundle.copy.to}/ (${fs.readdirSync(path.join(outDir, bundle.copy.to)).length} files)`;
  if (bundle.zip) {
    // A fixed date keeps the zip byte-for-byte reproducible; Unix mode 644 so Lambda can read the file.
    const entry = { level: 9, mtime: new Date('1980-01-01T00:00:00'), os: 3, attrs: (0o100644 << 16) >>> 0 };
    const zipFile = path.join(root, bundle.zip);
    fs.writeFileSync(zipFile, zipSync({ 'index.mjs': [code, entry] }));
    line += `, ${rel(zipFile)} ${kb(fs.statSync(zipFile).size)}`;
  }
  console.log(line);
}
if (warnings) process.exitCode = 1;
