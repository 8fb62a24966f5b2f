/** How much of a value a message repeats: enough to recognise it, never a flood. */
export const ECHO_LIMIT = 200;

/**
 * A value as an error message repeats it: quoted, cut after {@link ECHO_LIMIT} characters with
 * the full length said, so a 1 MB input makes a one-line message.
 */
export function echo(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  if (text.length <= ECHO_LIMIT) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, ECHO_LIMIT))}… (${text.length} characters)`;
}

// A run of characters with no space or quote: one echoed value (a role name, a scope, a principal).
const LONG_RUN = new RegExp(`[^\\s"'\`]{${ECHO_LIMIT + 1},}`, 'g');

/**
 * A finding's message with each value it repeats cut after {@link ECHO_LIMIT} characters, the full
 * length said: a 100,000-character role name in the input makes a message of one line, not a
 * flood of every log and comment that shows it. Real values (an ARM ID of nested resources) stay
 * well under it.
 */
export function boundedMessage(message: string): string {
  if (message.length <= ECHO_LIMIT) return message;
  return message.replace(LONG_RUN, (run) => `${run.slice(0, ECHO_LIMIT)}… (${run.length} characters)`);
}
