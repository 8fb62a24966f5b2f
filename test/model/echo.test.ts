import { boundedMessage, ECHO_LIMIT } from '../../src/model/echo';

/** What boundedMessage does, written plainly: every run of more than the limit cut, the rest as it was. */
function expected(message: string): string {
  return message.replace(/[^\s"'`]+/g, (run) => (run.length <= ECHO_LIMIT ? run : `${run.slice(0, ECHO_LIMIT)}… (${run.length} characters)`));
}

describe('a finding message with the values it repeats bounded', () => {
  test('a run of the limit stays; one character more is cut, wherever it lies against the positions looked at', () => {
    for (const length of [ECHO_LIMIT, ECHO_LIMIT + 1, 2 * ECHO_LIMIT + 2]) {
      for (const before of [0, 1, ECHO_LIMIT - 1, ECHO_LIMIT, ECHO_LIMIT + 1, 2 * ECHO_LIMIT, 2 * ECHO_LIMIT + 1, 3 * ECHO_LIMIT + 7]) {
        const words = before === 0 ? '' : `${'w '.repeat(Math.floor(before / 2))}${before % 2 === 1 ? ' ' : ''}`;
        const message = `${words}${'x'.repeat(length)} "the rest" ${'y '.repeat(150)}`;
        expect(message.indexOf('x')).toBe(before);
        const bounded = boundedMessage(message);
        expect(bounded).toBe(expected(message));
        expect(bounded.includes(`(${length} characters)`)).toBe(length > ECHO_LIMIT);
      }
    }
  });

  test('runs end at spaces, tabs, line ends and the three quotes, and only there', () => {
    for (const end of [' ', '\t', '\n', '\r', '"', "'", '`']) {
      const message = `${'a'.repeat(150)}${end}${'b'.repeat(150)} ${'c '.repeat(120)}`;
      expect(boundedMessage(message)).toBe(message);
    }
    const joined = `${'a'.repeat(150)}-${'b'.repeat(150)} ${'c '.repeat(120)}`;
    expect(boundedMessage(joined)).toBe(expected(joined));
    expect(boundedMessage(joined)).toContain('(301 characters)');
  });

  test('random messages of words and long values are bounded as a scan of every run bounds them', () => {
    let seed = 11;
    const random = (n: number) => Math.floor(((seed = (seed * 48271) % 2147483647) / 2147483647) * n);
    let cut = 0;
    for (let i = 0; i < 500; i++) {
      const parts: string[] = [];
      for (let n = random(40); n >= 0; n--) parts.push('z'.repeat(1 + (random(10) === 0 ? random(450) : random(30))));
      const message = parts.join([' ', '"', ' → ', "'"][random(4)]);
      const bounded = boundedMessage(message);
      expect(bounded).toBe(expected(message));
      if (bounded !== message) cut++;
    }
    // Both kinds occur: messages left as they are, and messages cut.
    expect(cut).toBeGreaterThan(20);
    expect(cut).toBeLessThan(480);
  });
});
