import { checkDateTime } from './date-time';
import { PimExpirationType } from './pim-expiration-type';
import type { ResolvedPimSchedule } from './resolved-pim-schedule';
import { Duration } from '../model/duration';
import { refuseToken } from '../model/token';
import { isUnresolved } from '../private/cdktf-runtime';

/** Options shared by every schedule. */
export interface PimScheduleOptions {
  /**
   * When the assignment starts: an ISO 8601 date-time with seconds and a UTC offset
   * (`2025-07-01T08:00:00Z`), or a token such as `time_static.rfc3339`. Never computed from
   * the clock at synth: every PIM argument forces replacement, so a start that moved on each
   * synth would recreate the assignment on every plan.
   * @default - the moment Terraform applies the request (the provider records it in state)
   */
  readonly startDateTime?: string;
}

/**
 * When a PIM assignment starts and how it ends: exactly one of a duration, an end date-time, or,
 * only when asked for by name and with a reason, no end at all.
 *
 * The inputs are checked by the construct that uses the schedule, so an error names that
 * construct's path.
 */
export class PimSchedule {
  /** Ends a length of time after the start, e.g. `PimSchedule.afterDuration(Duration.days(180))`. */
  public static afterDuration(duration: Duration, options: PimScheduleOptions = {}): PimSchedule {
    return new PimSchedule(PimExpirationType.AFTER_DURATION, options, { duration });
  }

  /**
   * Ends after an ISO 8601 duration given as text, e.g. one read from configuration (`P180D`,
   * `PT8H`). Years and months are refused: the PIM services reject `P1Y`; write `P365D`. A token
   * is refused too: the length is checked against the role's policy at synth.
   */
  public static afterIsoDuration(isoDuration: string, options: PimScheduleOptions = {}): PimSchedule {
    try {
      refuseToken('PimSchedule.afterIsoDuration(isoDuration)', isoDuration, 'string', 'an ISO 8601 duration written in the code, e.g. "P180D"');
      return new PimSchedule(PimExpirationType.AFTER_DURATION, options, { duration: Duration.parse(isoDuration) });
    } catch (error) {
      // Kept, not thrown: the construct that uses the schedule reports it with its path.
      const yearsOrMonths = /^\s*P[^T]*\d+[YM]/i.test(String(isoDuration));
      const problem = yearsOrMonths ? `${(error as Error).message} The PIM services reject P1Y; use P365D.` : (error as Error).message;
      return new PimSchedule(PimExpirationType.AFTER_DURATION, options, { problem });
    }
  }

  /** Ends at a fixed date-time: ISO 8601 with seconds and a UTC offset, or a token. */
  public static until(endDateTime: string, options: PimScheduleOptions = {}): PimSchedule {
    return new PimSchedule(PimExpirationType.AFTER_DATE_TIME, options, { endDateTime });
  }

  /**
   * Never ends. Permanent eligibility is standing privilege in waiting, so it is never a
   * default: it must be asked for here, with the reason a reviewer will read.
   */
  public static noExpiration(justification: string, options: PimScheduleOptions = {}): PimSchedule {
    return new PimSchedule(PimExpirationType.NO_EXPIRATION, options, { permanentJustification: justification });
  }

  /** How the schedule ends: after a duration, at a date-time, or never. */
  public readonly expirationType: PimExpirationType;
  /** The start, as given: undefined means "when applied". */
  public readonly startDateTime?: string;
  /** For AFTER_DURATION: how long the assignment lasts. */
  public readonly duration?: Duration;
  /** For AFTER_DATE_TIME: when the assignment ends, as given. */
  public readonly endDateTime?: string;
  /** For NO_EXPIRATION: why the assignment may never end. */
  public readonly permanentJustification?: string;
  private readonly problem?: string;

  private constructor(type: PimExpirationType, options: PimScheduleOptions, parts: Partial<ResolvedPimSchedule> & { problem?: string }) {
    this.expirationType = type;
    this.startDateTime = options.startDateTime;
    this.duration = parts.duration;
    this.endDateTime = parts.endDateTime;
    this.permanentJustification = parts.permanentJustification;
    this.problem = parts.problem;
  }

  /**
   * Checks the schedule for the construct at `path`: the start and end are ISO 8601
   * date-times, the end comes after the start, a permanent schedule has a reason.
   * @internal
   */
  public _resolve(path: string): ResolvedPimSchedule {
    if (this.problem !== undefined) {
      throw new Error(`${path}: schedule: ${this.problem}`);
    }
    const start = this.startDateTime === undefined ? undefined : checkDateTime(path, 'schedule start', this.startDateTime);
    switch (this.expirationType) {
      case PimExpirationType.AFTER_DURATION:
        if (!(this.duration instanceof Duration)) {
          throw new Error(`${path}: schedule: PimSchedule.afterDuration() needs a Duration, e.g. Duration.days(180) or Duration.hours(8).`);
        }
        break;
      case PimExpirationType.AFTER_DATE_TIME: {
        const end = checkDateTime(path, 'schedule end', this.endDateTime as string);
        if (start !== undefined && end !== undefined && end <= start) {
          throw new Error(
            `${path}: schedule end "${this.endDateTime}" is not after its start "${this.startDateTime}". Accepted: an end later than the start.`,
          );
        }
        break;
      }
      case PimExpirationType.NO_EXPIRATION:
        if (!isUnresolved(this.permanentJustification) && !(this.permanentJustification ?? '').trim()) {
          throw new Error(
            `${path}: PimSchedule.noExpiration() was given an empty justification. Accepted: the written reason this assignment may never end ` +
              '(a reviewer reads it), or a schedule that ends: PimSchedule.afterDuration() or PimSchedule.until().',
          );
        }
        break;
    }
    return {
      expirationType: this.expirationType,
      startDateTime: this.startDateTime?.trim(),
      duration: this.duration,
      endDateTime: this.endDateTime?.trim(),
      permanentJustification: this.permanentJustification?.trim(),
    };
  }
}
