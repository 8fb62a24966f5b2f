// Preloaded with `node --require` (through NODE_OPTIONS) to run a program on another day:
// FAKE_CLOCK=2027-07-15T12:00:00Z makes `new Date()` and `Date.now()` return that instant, so a
// test can show what a command does after a date has passed, without touching the machine's clock.
'use strict';
const fixed = Date.parse(process.env.FAKE_CLOCK || '');
if (!Number.isNaN(fixed)) {
  const RealDate = Date;
  class FakeDate extends RealDate {
    constructor(...args) {
      super(...(args.length === 0 ? [fixed] : args));
    }
    static now() {
      return fixed;
    }
  }
  globalThis.Date = FakeDate;
}
