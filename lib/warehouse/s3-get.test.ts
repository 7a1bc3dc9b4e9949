import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { HttpRequest } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { getRequest, s3Signer } from './s3-get';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token' };

// What S3Client itself would put on the wire for GetObject, caught before it is sent.
async function sdkRequest(region: string, endpoint: string | undefined, key: string): Promise<HttpRequest> {
  let caught: HttpRequest | undefined;
  const client = new S3Client({
    region, credentials, ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    requestHandler: { handle: async (request: HttpRequest) => { caught = request; throw new Error('caught'); } },
  });
  await client.send(new GetObjectCommand({ Bucket: 'lumen-events', Key: key })).catch(() => {});
  return caught!;
}

describe('objectReader requests', () => {
  it.each([
    ['AWS, virtual-hosted', 'eu-west-1', undefined],
    ['an S3-compatible endpoint, path-style', 'us-east-1', 'http://127.0.0.1:4568'],
  ])('address and sign GetObject exactly as S3Client does on %s', async (_name, region, endpoint) => {
    const key = 'events/2026/11/21/event-ä b+c%.json';
    const sdk = await sdkRequest(region, endpoint, key);
    const ours = await getRequest({ bucket: 'lumen-events', endpoint, region: async () => region }, key);
    expect([ours.protocol, ours.hostname, ours.port, ours.path]).toEqual([sdk.protocol, sdk.hostname, sdk.port, sdk.path]);

    // Signed by our signer at the SDK's time, the SDK's own request gets the SDK's signature.
    const { authorization, ...unsigned } = sdk.headers;
    const amzDate = sdk.headers['x-amz-date'];
    const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    const resigned = await s3Signer({ region: async () => region, credentials: async () => credentials }).sign({ ...sdk, headers: unsigned }, { signingDate });
    expect(resigned.headers.authorization).toBe(authorization);
  });
});
