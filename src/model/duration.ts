import { refuseToken } from './token';

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;
const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

/**
 * A length of time for PIM schedules and policies, written as an ISO 8601 duration
 * (`Duration.hours(8)` is `PT8H`, `Duration.days(30)` is `P30D`). Whole minutes only; years
 * and months are refused because their length varies and the PIM services reject them
 * (`P1Y` must be written `P365D`).
 */
export class Duration {
  /** A whole number of minutes, written in the code (a token is refused: the length is computed at synth). */
  public static minutes(amount: number): Duration {
    refuseLengthToken('minutes', amount);
    return new Duration(checkAmount(amount, 'minutes'), `${amount} minutes`);
  }

  /** A whole number of hours, written in the code (a token is refused: the length is computed at synth). */
  public static hours(amount: number): Duration {
    refuseLengthToken('hours', amount);
    return new Duration(checkAmount(amount, 'hours') * MINUTES_PER_HOUR, `${amount} hours`);
  }

  /** A whole number of days, written in the code (a token is refused: the length is computed at synth). */
  public static days(amount: number): Duration {
    refuseLengthToken('days', amount);
    return new Duration(checkAmount(amount, 'days') * MINUTES_PER_DAY, `${amount} days`);
  }

  /**
   * Parses an ISO 8601 duration such as `PT30M`, `PT8H`, `P1D`, `P1DT12H` or `P2W`.
   *
   * Refuses years, months and fractions, and a token (the length is computed at synth).
   */
  public static parse(text: string): Duration {
    refuseToken('Duration.parse(text)', text, 'string', 'an ISO 8601 duration written in the code, e.g. "PT8H" or "P30D"');
    const value = String(text ?? '').trim();
    if (/^P(\d+Y|\d+M|.*\d+Y|[^T]*\d+M)/i.test(value)) {
      throw new Error(
        `Duration "${text}" uses years or months, whose length varies; write it in days instead (P365D rather than P1Y, P30D rather than P1M).`,
      );
    }
    const match = ISO_DURATION.exec(value);
    if (!match || value === 'P' || /T$/i.test(value)) {
      throw new Error(
        `"${text}" is not an ISO 8601 duration. Accepted: PnW, PnD, PTnH, PTnM and combinations such as P1DT12H or PT1H30M (whole numbers).`,
      );
    }
    const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part ? Number(part) : 0));
    if (seconds % 60 !== 0) {
      throw new Error(`Duration "${text}" has ${seconds} seconds; durations here are whole minutes.`);
    }
    const total = ((weeks * 7 + days) * 24 + hours) * 60 + minutes + seconds / 60;
    if (total <= 0) throw new Error(`Duration "${text}" is zero; a duration must be longer than that.`);
    checkAmount(total, 'minutes');
    return new Duration(total, value.toUpperCase());
  }

  /** The whole length in minutes. */
  public readonly totalMinutes: number;
  private readonly given: string;

  private constructor(totalMinutes: number, given: string) {
    this.totalMinutes = totalMinutes;
    this.given = given;
  }

  /** The length in hours (may be fractional: 90 minutes is 1.5). */
  public get totalHours(): number {
    return this.totalMinutes / MINUTES_PER_HOUR;
  }

  /** The length in days (may be fractional). */
  public get totalDays(): number {
    return this.totalMinutes / MINUTES_PER_DAY;
  }

  /**
   * The normalized ISO 8601 text: whole days as `PnD`, otherwise days, hours and minutes
   * (`P30D`, `PT8H`, `PT23H30M`, `P1DT12H`).
   */
  public toIsoString(): string {
    const days = Math.floor(this.totalMinutes / MINUTES_PER_DAY);
    const hours = Math.floor((this.totalMinutes % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
    const minutes = this.totalMinutes % MINUTES_PER_HOUR;
    const date = days > 0 ? `${days}D` : '';
    const time = `${hours > 0 ? `${hours}H` : ''}${minutes > 0 ? `${minutes}M` : ''}`;
    return `P${date}${time ? `T${time}` : ''}`;
  }

  /** Whether both are the same length. */
  public isSameLength(other: Duration): boolean {
    return this.totalMinutes === other.totalMinutes;
  }

  /** How the duration was written, for error messages ("8 hours", "P1Y2D"). */
  public toString(): string {
    return `${this.given} (${this.toIsoString()})`;
  }
}

// A century: longer than anything PIM, activation or expiry settings accept, short enough that
// arithmetic on it stays exact.
const LONGEST_MINUTES = 36_500 * MINUTES_PER_DAY;

/**
 * Schedules and policies compare and convert lengths at synth (an eligibility no longer than its
 * policy allows, P365D at most), which a token cannot take part in.
 */
function refuseLengthToken(unit: 'minutes' | 'hours' | 'days', amount: number): void {
  refuseToken(`Duration.${unit}(amount)`, amount, 'number', `a whole number of ${unit} written in the code, e.g. Duration.${unit}(${unit === 'minutes' ? 30 : unit === 'hours' ? 8 : 180})`);
}

function checkAmount(amount: number, unit: string): number {
  if (!Number.isInteger(amount) || amount <= 0) {
    throw new Error(`Duration: ${amount} ${unit} is not accepted; give a whole number greater than 0.`);
  }
  const minutes = amount * (unit === 'days' ? MINUTES_PER_DAY : unit === 'hours' ? MINUTES_PER_HOUR : 1);
  if (minutes > LONGEST_MINUTES) {
    throw new Error(`Duration: ${amount} ${unit} is longer than 36500 days (a century), which no Azure access setting accepts. Give a real length.`);
  }
  return amount;
}
