import { Node } from 'constructs';

/**
 * How accepted events reach the raw bucket, chosen at synth with `-c transport=...`:
 * - `per-event` (the default): the ingestion Lambda puts one object per event;
 * - `stream`: it puts records on a Kinesis stream, Firehose delivers them in batches, and a
 *   consumer keeps the live view in DynamoDB. docs/deploy.md compares their costs and ceilings.
 */
export type Transport = 'per-event' | 'stream';

const TRANSPORTS: readonly Transport[] = ['per-event', 'stream'];

/** Provisioned shards instead of on-demand capacity, with `-c streamShards=N` (stream only). */
export type StreamCapacity = { mode: 'on-demand' } | { mode: 'provisioned'; shards: number };

export function transportOf(node: Node): Transport {
  const value: unknown = node.tryGetContext('transport') ?? 'per-event';
  if (!TRANSPORTS.includes(value as Transport)) {
    throw new Error(`context "transport" is ${JSON.stringify(value)}: use ${TRANSPORTS.map((name) => `-c transport=${name}`).join(' or ')}`);
  }
  return value as Transport;
}

export function streamCapacityOf(node: Node): StreamCapacity {
  const value: unknown = node.tryGetContext('streamShards');
  if (value === undefined) return { mode: 'on-demand' };
  const shards = Number(value);
  if (!Number.isInteger(shards) || shards < 1) {
    throw new Error(`context "streamShards" is ${JSON.stringify(value)}: give a whole number of shards (1 or more), or leave it out for on-demand`);
  }
  return { mode: 'provisioned', shards };
}
