import { Token } from 'cdktf';
import * as fc from 'fast-check';
import { Duration } from '../src';

describe('Duration', () => {
  test.each([
    [Duration.hours(8), 'PT8H', 480],
    [Duration.days(30), 'P30D', 43200],
    [Duration.minutes(30), 'PT30M', 30],
    [Duration.minutes(1410), 'PT23H30M', 1410],
    [Duration.hours(24), 'P1D', 1440],
    [Duration.hours(36), 'P1DT12H', 2160],
    [Duration.days(365), 'P365D', 525600],
  ])('%s', (duration, iso, minutes) => {
    expect(duration.toIsoString()).toBe(iso);
    expect(duration.totalMinutes).toBe(minutes);
  });

  test.each([
    ['PT8H', 480],
    ['pt30m', 30],
    ['P1D', 1440],
    ['P2W', 20160],
    ['P1DT12H', 2160],
    ['PT1H30M', 90],
    ['PT3600S', 60],
    ['P365D', 525600],
  ])('parses %s', (text, minutes) => {
    expect(Duration.parse(text).totalMinutes).toBe(minutes);
  });

  test.each([
    ['P1Y', /uses years or months.*P365D rather than P1Y/],
    ['P1M', /uses years or months/],
    ['P1Y2D', /uses years or months/],
    ['', /"" is not an ISO 8601 duration/],
    ['P', /is not an ISO 8601 duration/],
    ['PT', /is not an ISO 8601 duration/],
    ['8h', /"8h" is not an ISO 8601 duration\. Accepted: PnW, PnD, PTnH, PTnM/],
    ['PT1.5H', /is not an ISO 8601 duration/],
    ['PT30S', /30 seconds; durations here are whole minutes/],
    ['PT0M', /is zero/],
  ])('refuses %j', (text, message) => {
    expect(() => Duration.parse(text)).toThrow(message);
  });

  test.each([[0], [-1], [1.5], [NaN], [Infinity]])('refuses %p hours', (amount) => {
    expect(() => Duration.hours(amount)).toThrow(/give a whole number greater than 0/);
  });

  test('parse(toIsoString()) keeps the length, for any whole number of minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (minutes) => {
        const duration = Duration.minutes(minutes);
        const iso = duration.toIsoString();
        return Duration.parse(iso).isSameLength(duration) && /^P(\d+D)?(T(\d+H)?(\d+M)?)?$/.test(iso);
      }),
    );
  });

  test('hours and days convert', () => {
    expect(Duration.minutes(90).totalHours).toBe(1.5);
    expect(Duration.hours(36).totalDays).toBe(1.5);
    expect(Duration.hours(8).toString()).toBe('8 hours (PT8H)');
  });

  describe('a token, where the length must be computed at synth, is refused naming the argument', () => {
    const hours = Token.asNumber('${var.hours}');

    test.each([
      ['minutes', (n: number) => Duration.minutes(n), 'Duration.minutes(amount): a token (resolved only at synth) where a literal number is needed. Accepted: a whole number of minutes written in the code, e.g. Duration.minutes(30).'],
      ['hours', (n: number) => Duration.hours(n), 'Duration.hours(amount): a token (resolved only at synth) where a literal number is needed. Accepted: a whole number of hours written in the code, e.g. Duration.hours(8).'],
      ['days', (n: number) => Duration.days(n), 'Duration.days(amount): a token (resolved only at synth) where a literal number is needed. Accepted: a whole number of days written in the code, e.g. Duration.days(180).'],
    ])('Duration.%s(token)', (_unit, factory, message) => {
      let thrown = '';
      try {
        factory(hours);
      } catch (e) {
        thrown = (e as Error).message;
      }
      expect(thrown).toBe(message);
      // The token's internal encoding (a double near -8.1e+298) is never shown.
      expect(thrown).not.toMatch(/e\+\d{3}/);
      // The same factory with the same magnitude written out is judged on its value, not as a token.
      expect(factory(1).totalMinutes).toBeGreaterThan(0);
    });

    test('Duration.parse(token)', () => {
      const text = Token.asString(Token.asAny('${var.window}'));
      expect(() => Duration.parse(text)).toThrow(
        'Duration.parse(text): a token (resolved only at synth) where a literal string is needed. Accepted: an ISO 8601 duration written in the code, e.g. "PT8H" or "P30D".',
      );
      expect(() => Duration.parse(text)).not.toThrow(/TfToken/);
      // A Terraform expression written as text is no cdktf token: it is judged as text.
      expect(() => Duration.parse('${var.window}')).toThrow('"${var.window}" is not an ISO 8601 duration');
    });
  });
});
