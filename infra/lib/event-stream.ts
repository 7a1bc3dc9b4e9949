import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Stream, StreamEncryption, StreamMode } from 'aws-cdk-lib/aws-kinesis';
import { Construct } from 'constructs';
import type { StreamCapacity } from './transport';

/**
 * The stream transport's Kinesis Data Stream: one record per accepted event (its stored JSON),
 * partitioned by `session_id` so a session's events stay in order on one shard. Encrypted with the
 * AWS managed key `aws/kinesis`: no key to pay for, and no KMS grant beside the Kinesis ones.
 * Records stay 24 hours (the free retention): long enough for Firehose and the live consumer to
 * catch up after an outage of either. Deleted with the stack (or when switching back to per-event):
 * a retained stream would go on costing its hourly charge, and it only ever holds a day of copies.
 */
export class EventStream extends Construct {
  readonly stream: Stream;

  constructor(scope: Construct, id: string, props: { capacity: StreamCapacity }) {
    super(scope, id);
    const { capacity } = props;
    this.stream = new Stream(this, 'Stream', {
      encryption: StreamEncryption.MANAGED,
      retentionPeriod: Duration.hours(24),
      removalPolicy: RemovalPolicy.DESTROY,
      ...(capacity.mode === 'on-demand'
        ? { streamMode: StreamMode.ON_DEMAND }
        : { streamMode: StreamMode.PROVISIONED, shardCount: capacity.shards }),
    });
  }
}
