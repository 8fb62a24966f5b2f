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
