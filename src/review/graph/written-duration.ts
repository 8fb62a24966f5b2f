import { Duration } from '../../model/duration';

/** An ISO 8601 duration as written (`PT8H`, `P180D`); undefined when absent or not one (a variable, say). */
export function writtenDuration(value: string | undefined): Duration | undefined {
  if (value === undefined) return undefined;
  try {
    return Duration.parse(value);
  } catch {
    return undefined;
  }
}
