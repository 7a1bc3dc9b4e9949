// Bundles the Lambda adapter into dist/lambda/index.mjs (the folder the CDK stack deploys) and
// packs it as dist/clickstream-lambda.zip for deploying by hand (aws lambda update-function-code).
// The zip is written with node:zlib rather than a dependency: one file needs only a few headers.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

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

function zipOne(name, data) {
  const compressed = deflateRawSync(data, { level: 9 });
  const nameBytes = Buffer.from(name);
  const crc = crc32(data);
  // DOS date/time of 1980-01-01 00:00 keeps the zip byte-for-byte reproducible.
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt16LE(dosTime, 10);
  local.writeUInt16LE(dosDate, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode below is honoured
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt16LE(dosTime, 12);
  central.writeUInt16LE(dosDate, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
  central.writeUInt32LE(0, 42);
  const centralOffset = local.length + nameBytes.length + compressed.length;
  const centralSize = central.length + nameBytes.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, compressed, central, nameBytes, end]);
}

const code = fs.readFileSync(outFile);
fs.writeFileSync(zipFile, zipOne('index.mjs', code));
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
console.log(`lambda: ${path.relative(root, outFile)} ${kb(code.length)}, ${path.relative(root, zipFile)} ${kb(fs.statSync(zipFile).size)}`);
if (result.warnings.length) process.exitCode = 1;
