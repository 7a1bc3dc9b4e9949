export type LogFields = Record<string, unknown>;
export type Logger = (level: 'info' | 'warn' | 'error', message: string, fields?: LogFields) => void;

/** One JSON object per line on stdout/stderr, which CloudWatch and `next start` logs both keep as is. */
export const jsonLogger: Logger = (level, message, fields = {}) => {
  const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...fields });
  if (level === 'info') console.log(line);
  else console.error(line);
};

/**
 * `next dev`'s terminal: one short line per request (`[clickstream] POST 202 · 3 accepted · 12 ms`),
 * warnings and errors on one line each, plus the stack of an error, which is a bug to look at.
 */
export const devLogger: Logger = (level, message, fields = {}) => {
  if (message === 'clickstream request') {
    const counts = fields.method === 'POST' ? [`${fields.accepted} accepted`, fields.rejected ? `${fields.rejected} rejected` : ''] : [];
    const parts = [`${fields.method} ${fields.status}`, counts.filter(Boolean).join(', '), fields.error, `${fields.duration_ms} ms`];
    const line = `[clickstream] ${parts.filter(Boolean).join(' · ')}`;
    if (level === 'info') console.log(line);
    else console.error(line);
    return;
  }
  const cause = fields.error_message ? ` (${fields.error_name ?? 'Error'}: ${fields.error_message})` : '';
  const stack = level === 'error' && typeof fields.stack === 'string' ? `\n${fields.stack}` : '';
  console.error(`[clickstream] ${level}: ${message}${cause}${stack}`);
};

/** What the adapters log with: short lines under `next dev`, JSON everywhere else (production, Lambda, tests). */
export const serverLogger: Logger = process.env.NODE_ENV === 'development' ? devLogger : jsonLogger;

export const silentLogger: Logger = () => {};

/** The error's name and message only: stack traces and paths stay out of responses, not out of logs. */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error) return { error_name: error.name, error_message: error.message, stack: error.stack };
  return { error_message: String(error) };
}
