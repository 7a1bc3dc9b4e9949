import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LAMBDA_DIR, INSIGHTS_LAMBDA_DIR, lambdaCode, LIVE_LAMBDA_DIR, LOADER_LAMBDA_DIR } from '../lib/lambda-code';

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

type Resource = { Type: string; Properties: Record<string, any>; Metadata: Record<string, string> };
const readTemplate = (name: string) => JSON.parse(readFileSync(join(outDir, `${name}.template.json`), 'utf8')) as { Resources: Record<string, Resource> };
const typesOf = (template: { Resources: Record<string, Resource> }) => Object.values(template.Resources).map((resource) => resource.Type);
/** The files of a function's code asset, by the value of one of its environment variables (or none). */
function assetFiles(template: { Resources: Record<string, Resource> }, pick: (fn: Resource) => boolean): string[] {
  const fn = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::Lambda::Function' && pick(resource))!;
  return readdirSync(join(outDir, fn.Metadata['aws:asset:path']), { recursive: true }) as string[];
}

const cdk = join(infraDir, 'node_modules/.bin/cdk');
const synth = (output: string, ...context: string[]) =>
  promisify(execFile)(cdk, ['synth', '--no-notices', '--no-version-reporting', '--quiet', '--output', output, ...context.flatMap((entry) => ['-c', entry])], {
    cwd: infraDir,
    env: offlineEnv(),
    timeout: 90_000,
  });

describe('cdk synth', () => {
  it('synthesizes both stacks offline into environment-agnostic templates with the real handlers as their assets', async () => {
    await synth(outDir);

    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
    for (const name of ['LumenClickstream', 'LumenAnalytics']) {
      expect(manifest.artifacts[name].type).toBe('aws:cloudformation:stack');
      expect(manifest.artifacts[name].environment).toBe('aws://unknown-account/unknown-region');
    }
    expect(manifest.artifacts.LumenAnalytics.dependencies).toContain('LumenClickstream');
    expect(manifest.missing).toBeUndefined();

    const store = readTemplate('LumenClickstream');
    for (const type of ['AWS::S3::Bucket', 'AWS::Lambda::Function', 'AWS::ApiGatewayV2::Api', 'AWS::Cognito::UserPool', 'AWS::Glue::Table']) {
      expect(typesOf(store)).toContain(type);
    }
    const ingestAsset = assetFiles(store, () => true);
    expect(ingestAsset).toEqual(['index.mjs']);
    const ingestFn = Object.values(store.Resources).find((resource) => resource.Type === 'AWS::Lambda::Function')!;
    expect(readFileSync(join(outDir, ingestFn.Metadata['aws:asset:path'], 'index.mjs'))).toEqual(readFileSync(join(DEFAULT_LAMBDA_DIR, 'index.mjs')));

    const analytics = readTemplate('LumenAnalytics');
    for (const type of ['AWS::RDS::DBCluster', 'AWS::EC2::VPC', 'AWS::Scheduler::Schedule', 'AWS::ApiGatewayV2::Route', 'AWS::CloudWatch::Alarm']) {
      expect(typesOf(analytics)).toContain(type);
    }
    const userOf = (user: string) => (fn: Resource) => fn.Properties.Environment?.Variables?.WAREHOUSE_DB_USER === user;
    expect(assetFiles(analytics, userOf('clickstream_loader')).sort()).toEqual(['index.mjs', 'migrations', ...readdirSync(join(LOADER_LAMBDA_DIR, 'migrations')).map((name) => join('migrations', name))].sort());
    expect(assetFiles(analytics, userOf('clickstream_insights'))).toEqual(readdirSync(INSIGHTS_LAMBDA_DIR));
  });

  it('synthesizes the stream design with -c transport=stream, the live consumer as its asset', async () => {
    const streamOut = join(outDir, 'stream');
    await synth(streamOut, 'transport=stream');
    const read = (name: string) => JSON.parse(readFileSync(join(streamOut, `${name}.template.json`), 'utf8')) as { Resources: Record<string, Resource> };
    const store = read('LumenClickstream');
    expect(typesOf(store)).toEqual(expect.arrayContaining(['AWS::Kinesis::Stream', 'AWS::KinesisFirehose::DeliveryStream']));
    const analytics = read('LumenAnalytics');
    expect(typesOf(analytics)).toEqual(expect.arrayContaining(['AWS::DynamoDB::Table', 'AWS::Lambda::EventSourceMapping']));
    const consumer = Object.values(analytics.Resources).find((fn) => fn.Type === 'AWS::Lambda::Function' && fn.Properties.Environment?.Variables?.CLICKSTREAM_LIVE_TABLE && !fn.Properties.VpcConfig)!;
    expect(readFileSync(join(streamOut, consumer.Metadata['aws:asset:path'], 'index.mjs'))).toEqual(readFileSync(join(LIVE_LAMBDA_DIR, 'index.mjs')));
  });


  it('refuses an unknown transport, naming the ones it knows', async () => {
    await expect(synth(join(outDir, 'unknown'), 'transport=firehose')).rejects.toThrow(/-c transport=per-event or -c transport=stream/);
  });

  it('refuses to synthesize without the Lambda bundle, and says how to build it', () => {
    expect(() => lambdaCode(join(outDir, 'no-such-bundle'))).toThrow(/run `npm run build:lambda` at the repository root/);
  });
});
