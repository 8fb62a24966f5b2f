import { UsageError } from './usage-error';
import { currentUtcDate, isCalendarDate } from '../model/dates';

/**
 * The date findings are judged against: `--today` when given (for reproducible reviews of old
 * builds and for tests), else the current UTC date.
 */
export function todayOf(command: string, option: string | undefined): string {
  if (option === undefined) return currentUtcDate();
  if (!isCalendarDate(option)) {
    throw new UsageError(`--today ${option} is not a date; write it YYYY-MM-DD`, command);
  }
  return option;
}
