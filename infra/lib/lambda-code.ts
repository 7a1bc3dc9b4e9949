import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Architecture, Code, Runtime } from 'aws-cdk-lib/aws-lambda';

const DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../dist');

/** Where the root's `npm run build:lambda` writes the bundled ingestion handler (`index.mjs`, ESM). */
export const DEFAULT_LAMBDA_DIR = join(DIST, 'lambda');
/** The loader's bundle, with the warehouse migrations beside it. */
export const LOADER_LAMBDA_DIR = join(DIST, 'lambda-loader');
/** The insights API's bundle. */
export const INSIGHTS_LAMBDA_DIR = join(DIST, 'lambda-insights');
/** The live view's stream consumer (stream transport only). */
export const LIVE_LAMBDA_DIR = join(DIST, 'lambda-live');

/** Every bundle runs the same way: ESM `index.mjs` exporting `handler`, on Node.js 22, Graviton. */
export const NODE_LAMBDA = { runtime: Runtime.NODEJS_22_X, architecture: Architecture.ARM_64, handler: 'index.handler' } as const;

/**
 * A Lambda's code: the project's real handler, bundled by the root build. Synth fails loudly when
 * it is missing instead of shipping an empty function.
 */
export function lambdaCode(dir: string = DEFAULT_LAMBDA_DIR): Code {
  if (!existsSync(join(dir, 'index.mjs'))) {
    throw new Error(`No Lambda bundle at ${join(dir, 'index.mjs')}: run \`npm run build:lambda\` at the repository root first.`);
  }
  // The build may leave a zip of the same bundle beside it; it must not ride along in the asset.
  return Code.fromAsset(dir, { exclude: ['*.zip', '*.map'] });
}
