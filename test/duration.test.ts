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
});
