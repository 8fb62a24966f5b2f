import type { PimActiveRoleAssignment } from '@cdktf/provider-azurerm/lib/pim-active-role-assignment';
import { Construct } from 'constructs';
import { azurermScheduleBlock } from './azurerm-schedule';
import { checkHumanOrGroup, checkJustification, checkTicket } from './pim-checks';
import { PimExpirationType } from './pim-expiration-type';
import { pimRoleDefinitionId } from './pim-role-definition-id';
import { PimSchedule } from './pim-schedule';
import { PimTicket } from './ticket';
import type { IPrincipal } from '../identity/principal';
import { recordPrincipal } from '../policy/suppression-metadata';
import { azurermPim } from '../private/pim-providers';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/** Properties of a time-bound active role assignment. */
export interface ActiveRoleAssignmentProps {
  /** Who holds the role: a user or a group. */
  readonly principal: IPrincipal;
  /** The role, e.g. `BuiltInRole.OWNER`. */
  readonly role: Role;
  /** Where the role applies. */
  readonly scope: Scope;
  /** Why the principal holds the role without activating it (break-glass, a migration window). */
  readonly justification: string;
  /**
   * When the assignment starts and ends. An end is required: `PimSchedule.afterDuration(...)`
   * or `PimSchedule.until(...)`; `PimSchedule.noExpiration()` is refused (that would be a
   * standing assignment: use a RoleGrant and justify it).
   */
  readonly schedule: PimSchedule;
  /** @default - no ticket */
  readonly ticket?: PimTicket;
}

/**
 * Time-bound active access (`azurerm_pim_active_role_assignment`) for the cases where
 * activation does not fit, such as break-glass access or a migration window. The assignment
 * always ends: a schedule without an expiry is an error.
 */
export class ActiveRoleAssignment extends Construct {
  public readonly principal: IPrincipal;
  public readonly role: Role;
  public readonly scope: Scope;
  public readonly justification: string;
  public readonly schedule: PimSchedule;
  public readonly ticket?: PimTicket;
  /** The role definition ID written to the resource. */
  public readonly roleDefinitionId: string;
  /** The `azurerm_pim_active_role_assignment` resource. */
  public readonly resource: PimActiveRoleAssignment;

  constructor(scope: Construct, id: string, props: ActiveRoleAssignmentProps) {
    super(scope, id);
    const path = this.node.path;
    this.principal = checkHumanOrGroup(path, props.principal, 'principal');
    this.role = props.role;
    this.scope = props.scope;
    this.justification = checkJustification(path, props.justification);
    this.ticket = checkTicket(path, props.ticket);
    if (!(props.schedule instanceof PimSchedule) || props.schedule.expirationType === PimExpirationType.NO_EXPIRATION) {
      throw new Error(
        `${path}: an active assignment must expire; got ${props.schedule instanceof PimSchedule ? 'PimSchedule.noExpiration()' : 'no schedule'}. ` +
          "Accepted: PimSchedule.afterDuration(Duration.hours(n) or Duration.days(n)) or PimSchedule.until('<date-time>').",
      );
    }
    this.schedule = props.schedule;
    const schedule = props.schedule._resolve(path);
    this.roleDefinitionId = pimRoleDefinitionId(path, props.role, props.scope);

    const { PimActiveRoleAssignment: Resource } = azurermPim.activeRoleAssignment();
    this.resource = new Resource(this, 'Resource', {
      scope: props.scope.id,
      roleDefinitionId: this.roleDefinitionId,
      principalId: this.principal.principalId,
      justification: this.justification,
      schedule: azurermScheduleBlock(path, schedule),
      ticket: this.ticket ? { number: this.ticket.number, systemAttribute: this.ticket.system } : undefined,
    });
    recordPrincipal(this.resource, this.principal);
  }
}
