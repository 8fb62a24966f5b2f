import type { PimExpirationType } from './pim-expiration-type';
import type { Duration } from '../model/duration';

/**
 * A schedule after its inputs were checked against the construct that uses it.
 * @internal
 */
export interface ResolvedPimSchedule {
  readonly expirationType: PimExpirationType;
  readonly startDateTime?: string;
  readonly duration?: Duration;
  readonly endDateTime?: string;
  readonly permanentJustification?: string;
}
