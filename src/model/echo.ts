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
const RUN = /[^\s"'`]+/g;

/** Space, tab, newline, return, and the three quotes end a run (other spaces are left to RUN). */
function endsRun(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x22 || c === 0x27 || c === 0x60;
}

/**
 * Whether some run of the text is longer than the limit. Such a run covers one of every
 * (limit + 1)-th position, so only the runs at those positions are measured: a message of words and
 * IDs is looked at a few characters in every two hundred, not character by character (the escalation
 * rule's thousands of messages of several hundred characters each were a scan of millions).
 */
function hasLongRun(text: string): boolean {
  for (let at = ECHO_LIMIT; at < text.length; at += ECHO_LIMIT + 1) {
    if (endsRun(text.charCodeAt(at))) continue;
    let start = at;
    while (start > 0 && !endsRun(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && !endsRun(text.charCodeAt(end))) end++;
    if (end - start > ECHO_LIMIT) return true;
  }
  return false;
}

/**
 * A finding's message with each value it repeats cut after {@link ECHO_LIMIT} characters, the full
 * length said: a 100,000-character role name in the input makes a message of one line, not a
 * flood of every log and comment that shows it. Real values (an ARM ID of nested resources) stay
 * well under it. Every finding passes here: most are looked at once, character by character, and
 * left as they are.
 */
export function boundedMessage(message: string): string {
  if (message.length <= ECHO_LIMIT || !hasLongRun(message)) return message;
  return message.replace(RUN, (run) => (run.length <= ECHO_LIMIT ? run : `${run.slice(0, ECHO_LIMIT)}… (${run.length} characters)`));
}
