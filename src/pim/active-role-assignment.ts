import type { PimActiveRoleAssignment } from '@cdktf/provider-azurerm/lib/pim-active-role-assignment';
import { Construct } from 'constructs';
import { azurermScheduleBlock } from './azurerm-schedule';
import { checkHumanOrGroup, checkJustification, checkTicket, ticketBlock } from './pim-checks';
import { PimExpirationType } from './pim-expiration-type';
import { PimRoleAssignmentProps } from './pim-role-assignment-props';
import { pimRoleDefinitionId } from './pim-role-definition-id';
import { PimSchedule } from './pim-schedule';
import { checkScheduleAtSynth } from './schedule-limits';
import { PimTicket } from './ticket';
import { describeHolder } from '../grants/describe';
import { checkWideScopeAtSynth } from '../grants/wide-scope-check';
import type { IPrincipal } from '../model/principal';
import { azurermPim } from '../private/pim-providers';
import { recordPrincipal } from '../private/record-metadata';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/** Properties of a time-bound active role assignment: the schedule must end. */
export interface ActiveRoleAssignmentProps extends PimRoleAssignmentProps {}

/**
 * Time-bound active access (`azurerm_pim_active_role_assignment`) for the cases where
 * activation does not fit, such as break-glass access or a migration window. The assignment
 * always ends: a schedule without an expiry is an error.
 */
export class ActiveRoleAssignment extends Construct {
  /** The user or group that holds the role while the assignment lasts. */
  public readonly principal: IPrincipal;
  /** The role the principal holds. */
  public readonly role: Role;
  /** Where the role applies. */
  public readonly scope: Scope;
  /** Why the principal holds the role, as recorded with the PIM request. */
  public readonly justification: string;
  /** When the assignment starts and ends (it always ends). */
  public readonly schedule: PimSchedule;
  /** The ticket that authorizes the assignment, when one was given. */
  public readonly ticket?: PimTicket;
  /** The role definition ID written to the resource. */
  public readonly roleDefinitionId: string;
  /** The `azurerm_pim_active_role_assignment` resource. */
  public readonly resource: PimActiveRoleAssignment;

  /**
   * @param scope the construct to define this one in (a stack, or a construct inside one)
   * @param id the construct ID, unique among its siblings and part of the path that messages name
   * @param props who holds which role where, why, and until when
   */
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
      ticket: ticketBlock(this.ticket),
    });
    recordPrincipal(this.resource, this.principal);
    checkScheduleAtSynth({ construct: this, kind: 'active', role: props.role, scope: props.scope, schedule });
    // Held without activation while it lasts: judged by the same wide-scope rule as a RoleGrant.
    checkWideScopeAtSynth({
      construct: this,
      resource: this.resource,
      holder: describeHolder(this.principal),
      roleName: props.role.name,
      scope: props.scope,
    });
  }
}
