/** How a PIM assignment ends. */
export enum PimExpirationType {
  /** A length of time after the start (`PimSchedule.afterDuration`). */
  AFTER_DURATION = 'AfterDuration',
  /** A fixed date-time (`PimSchedule.until`). */
  AFTER_DATE_TIME = 'AfterDateTime',
  /** Never: permanent, and only when asked for with a reason (`PimSchedule.noExpiration`). */
  NO_EXPIRATION = 'NoExpiration',
}
