/**
 * Every test file runs with this: a warning cdktf prints while synthesizing ("You're using escape
 * sequences ... the output may be incorrect") fails the test that caused it, so `npm test` can
 * never print one unnoticed. Other warnings pass through.
 */
const CDKTF_WARNING = /escape sequences|output may be incorrect/;
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  const text = args.map(String).join(' ');
  if (CDKTF_WARNING.test(text)) throw new Error(`cdktf warned during this test: ${text}`);
  warn(...args);
};
