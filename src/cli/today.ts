import { UsageError } from './usage-error';

/**
 * The date findings are judged against: `--today` when given (for reproducible reviews of old
 * builds and for tests), else the current UTC date.
 */
export function todayOf(command: string, option: string | undefined): string {
  if (option === undefined) return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(option) || Number.isNaN(Date.parse(`${option}T00:00:00Z`))) {
    throw new UsageError(`--today ${option} is not a date; write it YYYY-MM-DD`, command);
  }
  return option;
}
