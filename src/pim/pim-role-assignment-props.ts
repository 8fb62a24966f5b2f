import { PimSchedule } from './pim-schedule';
import { PimTicket } from './ticket';
import type { IPrincipal } from '../model/principal';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/** What eligible and time-bound active PIM assignments of an Azure role have in common. */
export interface PimRoleAssignmentProps {
  /** A user or a group (not a workload: give those a RoleGrant). */
  readonly principal: IPrincipal;
  /** The role, e.g. `BuiltInRole.OWNER`. */
  readonly role: Role;
  /** Where the role applies, e.g. `Scope.of(resourceGroup)`. */
  readonly scope: Scope;
  /** Why the principal gets the role, recorded with the PIM request for audit. */
  readonly justification: string;
  /**
   * When the assignment starts and ends: `PimSchedule.afterDuration(Duration.days(180))` or
   * `PimSchedule.until('2026-01-01T00:00:00Z')`. `PimSchedule.noExpiration('reason')` is accepted
   * for eligibility only, when meant; an active assignment must end.
   */
  readonly schedule: PimSchedule;
  /**
   * The change or incident ticket that authorizes the request, recorded with it for audit.
   * @default - no ticket
   */
  readonly ticket?: PimTicket;
}
