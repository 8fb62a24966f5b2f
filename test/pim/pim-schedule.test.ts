import { Token } from 'cdktf';
import { PimExpirationType, PimSchedule } from '../../src';
import { Duration } from '../../src/model/duration';

describe('PimSchedule', () => {
  test('afterDuration keeps the duration and the start as given', () => {
    const schedule = PimSchedule.afterDuration(Duration.days(180), { startDateTime: '2025-07-01T08:00:00Z' });
    expect(schedule.expirationType).toBe(PimExpirationType.AFTER_DURATION);
    expect(schedule.duration?.toIsoString()).toBe('P180D');
    expect(schedule.startDateTime).toBe('2025-07-01T08:00:00Z');
    expect(schedule.endDateTime).toBeUndefined();
  });

  test('until keeps the end; the start defaults to "when applied", never to the clock', () => {
    const schedule = PimSchedule.until('2026-01-01T00:00:00Z');
    expect(schedule.expirationType).toBe(PimExpirationType.AFTER_DATE_TIME);
    expect(schedule.endDateTime).toBe('2026-01-01T00:00:00Z');
    expect(schedule.startDateTime).toBeUndefined();
  });

  test('noExpiration keeps its reason', () => {
    const schedule = PimSchedule.noExpiration('Auditors');
    expect(schedule.expirationType).toBe(PimExpirationType.NO_EXPIRATION);
    expect(schedule.permanentJustification).toBe('Auditors');
  });

  test('afterIsoDuration parses text and defers a bad value to the construct that uses it', () => {
    expect(PimSchedule.afterIsoDuration('P30D').duration?.totalDays).toBe(30);
    expect(() => PimSchedule.afterIsoDuration('P1Y')).not.toThrow();
    expect(PimSchedule.afterIsoDuration('P1Y').duration).toBeUndefined();
  });

  test('afterIsoDuration refuses a token, naming the argument and the construct that uses it', () => {
    const schedule = PimSchedule.afterIsoDuration(Token.asString(Token.asAny('${var.eligible_for}')));
    expect(schedule.duration).toBeUndefined();
    expect(() => schedule._resolve('pim/Eligible')).toThrow(
      'pim/Eligible: schedule: PimSchedule.afterIsoDuration(isoDuration): a token (resolved only at synth) where a literal string is needed. ' +
        'Accepted: an ISO 8601 duration written in the code, e.g. "P180D".',
    );
    expect(PimSchedule.afterIsoDuration('P180D')._resolve('pim/Eligible').duration?.totalDays).toBe(180);
  });

  test.each(['2025-07-01T08:00:00Z', '2024-02-29T23:59:59.123Z', '2025-07-01T10:00:00+02:00', '2025-12-31T23:59:59-05:30'])(
    'accepts the date-time %s',
    (text) => {
      expect(() => PimSchedule.until(text)._resolve('s')).not.toThrow();
    },
  );

  test.each([
    ['2025-07-01', 'is not an ISO 8601 date-time'],
    ['2025-07-01T08:00Z', 'is not an ISO 8601 date-time'],
    ['2025-07-01 08:00:00Z', 'is not an ISO 8601 date-time'],
    ['2025-04-31T00:00:00Z', 'has day 31, which 2025-04 does not have'],
    ['2100-02-29T00:00:00Z', 'has day 29, which 2100-02 does not have'],
    ['2025-07-01T24:00:00Z', 'has time 24:00:00'],
    ['2025-07-01T08:00:00+25:00', 'has offset +25:00'],
  ])('refuses the date-time %s', (text, problem) => {
    expect(() => PimSchedule.until(text)._resolve('stack/E')).toThrow(
      `stack/E: schedule end "${text}" ${problem}. Accepted: an ISO 8601 date-time with seconds and a UTC offset`,
    );
  });
});
