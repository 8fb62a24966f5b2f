import { Duration } from '../model/duration';
import type { IPrincipal } from '../model/principal';

/**
 * What a person must do to activate an eligible role, and for how long the activation lasts.
 * The defaults ask for MFA and a justification; approval is on as soon as approvers are given.
 */
export interface ActivationRules {
  /**
   * How long an activation lasts at most: 30 minutes to 23 hours 30 minutes in 30-minute steps,
   * or 1 day (the values Azure accepts).
   * @default - unchanged (Azure's default is 8 hours)
   */
  readonly maxDuration?: Duration;
  /**
   * Who approves an activation: users or groups. Giving approvers turns approval on.
   * @default - no approval
   */
  readonly approvers?: IPrincipal[];
  /**
   * Whether an activation needs approval: true needs at least one approver.
   * @default - true when approvers are given, false otherwise
   */
  readonly requireApproval?: boolean;
  /**
   * Whether activation needs multi-factor authentication. Conflicts with
   * `authenticationContext`, which replaces it with a Conditional Access requirement.
   * @default - true, unless `authenticationContext` is given
   */
  readonly requireMfa?: boolean;
  /**
   * A Conditional Access authentication context ID (e.g. "c1") that activation must satisfy,
   * instead of plain MFA.
   * @default - none
   */
  readonly authenticationContext?: string;
  /**
   * Whether activation needs a written justification.
   * @default true
   */
  readonly requireJustification?: boolean;
  /**
   * Whether activation needs ticket information.
   * @default false
   */
  readonly requireTicketInfo?: boolean;
}
