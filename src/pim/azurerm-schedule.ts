import { PimExpirationType } from './pim-expiration-type';
import type { ResolvedPimSchedule } from './resolved-pim-schedule';

/** The `schedule` block shared by azurerm_pim_eligible_role_assignment and azurerm_pim_active_role_assignment. */
export interface AzurermPimScheduleBlock {
  readonly startDateTime?: string;
  readonly expiration?: {
    readonly durationDays?: number;
    readonly durationHours?: number;
    readonly endDateTime?: string;
  };
}

/**
 * The azurerm form of a schedule. azurerm takes the length in whole days or whole hours
 * (`duration_days`, `duration_hours`) and no minutes, so a duration is written in days when it
 * is whole days, otherwise in hours. No expiration block means permanent to the provider.
 * @internal
 */
export function azurermScheduleBlock(path: string, schedule: ResolvedPimSchedule): AzurermPimScheduleBlock | undefined {
  const start = schedule.startDateTime;
  switch (schedule.expirationType) {
    case PimExpirationType.AFTER_DURATION: {
      const duration = schedule.duration!;
      if (duration.totalMinutes % (24 * 60) === 0) {
        return { startDateTime: start, expiration: { durationDays: duration.totalDays } };
      }
      if (duration.totalMinutes % 60 === 0) {
        return { startDateTime: start, expiration: { durationHours: duration.totalHours } };
      }
      throw new Error(
        `${path}: schedule duration ${duration} is not whole hours; azurerm PIM assignments expire after whole days or hours. ` +
          'Accepted: Duration.days(n) or Duration.hours(n), e.g. Duration.hours(2) rather than Duration.minutes(90).',
      );
    }
    case PimExpirationType.AFTER_DATE_TIME:
      return { startDateTime: start, expiration: { endDateTime: schedule.endDateTime } };
    default:
      return start === undefined ? undefined : { startDateTime: start };
  }
}
