import { GraphExpiry } from './graph-types';

/** The end of a schedule as written (an ISO duration or a date-time); undefined when it never ends. */
export function expiryEnd(expiry: GraphExpiry): string | undefined {
  return expiry.permanent ? undefined : (expiry.duration?.toIsoString() ?? expiry.endDateTime ?? expiry.writtenDuration);
}
