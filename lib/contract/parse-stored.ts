// One stored event from its JSON text, as the loader, the local delivery and the live consumer
// read it: the text of an event file, of a batch line or of a stream record.
import { fieldErrors, storedEventSchema, type StoredEvent } from './events';

/** The event, or why the text is not one (every field at fault, with its reason). */
export function parseStoredEvent(text: string): { event: StoredEvent; error?: undefined } | { event?: undefined; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    // A file cut short by a crash or a full disk ends up here too.
    return { error: `not valid JSON: ${(cause as Error).message}` };
  }
  const parsed = storedEventSchema.safeParse(json);
  if (!parsed.success) {
    const reasons = fieldErrors(parsed.error).map(({ field, message }) => `${field}: ${message}`);
    return { error: `not a valid stored event: ${reasons.join('; ')}` };
  }
  return { event: parsed.data };
}
