/** One record read from the stream, as the poller (and the Lambda's event, mapped) hands it to consumers. */
export type StreamRecord = { sequenceNumber: string; partitionKey: string; data: Uint8Array; arrivedAt: Date };
