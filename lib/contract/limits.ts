// The contract's size limits, apart from the zod schema so that the browser tracker can honour
// them without shipping zod. lib/contract/events.ts builds its schema on these.
export const MAX_BATCH_EVENTS = 100;
export const MAX_URL_LENGTH = 2048;
export const MAX_PATH_LENGTH = 1024;
export const MAX_TITLE_LENGTH = 512;
