// Request limits, documented in docs/ingestion.md. The body limit is enforced while reading, so an
// oversized request costs at most this many bytes of memory.
export const DEFAULT_LIMITS = {
  /** Whole request body, in bytes. */
  maxBodyBytes: 512 * 1024,
  /** One event, re-serialised as JSON, in bytes. */
  maxEventBytes: 16 * 1024,
  /** Arrays and objects nested in one event (the contract needs 4): deeper ones would overflow JSON.stringify's stack. */
  maxEventDepth: 16,
  /** One rejected-events record kept for diagnosis, in bytes (raw events are cut to fit). */
  maxRejectedRecordBytes: 64 * 1024,
  /** Rejected-events records kept per process per UTC day, in bytes, so bad traffic cannot fill the disk. */
  maxRejectedBytesPerDay: 50 * 1024 * 1024,
  /** Time for a streamed body to arrive whole (the in-app endpoint; 0: none), so slow clients cannot hold requests open. */
  bodyTimeoutMs: 10_000,
};
export type IngestLimits = typeof DEFAULT_LIMITS;
