/** One Kinesis record as consumers get it: from the local poller, or mapped from a Lambda's Kinesis event. */
export type StreamRecord = { sequenceNumber: string; partitionKey: string; data: Uint8Array; arrivedAt: Date };
