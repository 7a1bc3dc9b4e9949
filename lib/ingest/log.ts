export type LogFields = Record<string, unknown>;
export type Logger = (level: 'info' | 'warn' | 'error', message: string, fields?: LogFields) => void;

/** One JSON object per line on stdout/stderr, which CloudWatch and `next start` logs both keep as is. */
export const jsonLogger: Logger = (level, message, fields = {}) => {
  const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...fields });
  if (level === 'info') console.log(line);
  else console.error(line);
};

export const silentLogger: Logger = () => {};

/** The error's name and message only: stack traces and paths stay out of responses, not out of logs. */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error) return { error_name: error.name, error_message: error.message, stack: error.stack };
  return { error_message: String(error) };
}
