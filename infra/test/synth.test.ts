import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LAMBDA_DIR, lambdaCode } from '../lib/lambda-code';

const infraDir = resolve(import.meta.dirname, '..');
const outDir = mkdtempSync(join(tmpdir(), 'lumen-cdk-out-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

// No credentials, no metadata service, and a dead proxy: any AWS or network call would fail the synth.
function offlineEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('CDK_')));
  return {
    ...env,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    CDK_DISABLE_VERSION_CHECK: '1',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  };
}

describe('cdk synth', () => {
  it('synthesizes the app offline into an environment-agnostic template with the real handler as its asset', async () => {
    const cdk = join(infraDir, 'node_modules/.bin/cdk');
    const args = ['synth', '--no-notices', '--no-version-reporting', '--quiet', '--output', outDir];
    await promisify(execFile)(cdk, args, { cwd: infraDir, env: offlineEnv(), timeout: 90_000 });

    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
    const stack = manifest.artifacts.LumenClickstream;
    expect(stack.type).toBe('aws:cloudformation:stack');
    expect(stack.environment).toBe('aws://unknown-account/unknown-region');
    expect(manifest.missing).toBeUndefined();

    const template = JSON.parse(readFileSync(join(outDir, 'LumenClickstream.template.json'), 'utf8'));
    const types = Object.values(template.Resources as Record<string, { Type: string }>).map((resource) => resource.Type);
    for (const type of ['AWS::S3::Bucket', 'AWS::Lambda::Function', 'AWS::ApiGatewayV2::Api', 'AWS::Cognito::UserPool', 'AWS::Glue::Table']) {
      expect(types).toContain(type);
    }

    const lambda = Object.values(template.Resources as Record<string, { Type: string; Metadata: Record<string, string> }>).find(
      (resource) => resource.Type === 'AWS::Lambda::Function',
    )!;
    const assetDir = join(outDir, lambda.Metadata['aws:asset:path']);
    expect(readdirSync(assetDir)).toEqual(['index.mjs']);
    expect(readFileSync(join(assetDir, 'index.mjs'))).toEqual(readFileSync(join(DEFAULT_LAMBDA_DIR, 'index.mjs')));
  });

  it('refuses to synthesize without the Lambda bundle, and says how to build it', () => {
    expect(() => lambdaCode(join(outDir, 'no-such-bundle'))).toThrow(/run `npm run build:lambda` at the repository root/);
  });
});
