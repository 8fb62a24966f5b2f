import { Duration } from '../model/duration';

/** How long an eligible assignment to the role may last at most. */
export interface EligibleAssignmentRules {
  /**
   * Whether every eligible assignment must end.
   * @default true
   */
  readonly expirationRequired?: boolean;
  /**
   * The longest an eligible assignment may last: 15, 30, 90, 180 or 365 days.
   * @default - unchanged (Azure's default is 365 days)
   */
  readonly expireAfter?: Duration;
}

/** How long an active assignment to the role may last, and what making one requires. */
export interface ActiveAssignmentRules {
  /**
   * Whether every active assignment must end.
   * @default true
   */
  readonly expirationRequired?: boolean;
  /**
   * The longest an active assignment may last: 15, 30, 90, 180 or 365 days.
   * @default - unchanged
   */
  readonly expireAfter?: Duration;
  /**
   * Whether whoever makes an active assignment must give a justification.
   * @default - unchanged
   */
  readonly requireJustification?: boolean;
  /**
   * Whether whoever makes an active assignment must have signed in with MFA.
   * @default - unchanged
   */
  readonly requireMfa?: boolean;
  /**
   * Whether whoever makes an active assignment must give a ticket.
   * @default - unchanged
   */
  readonly requireTicketInfo?: boolean;
}
