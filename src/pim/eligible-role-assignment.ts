import type { PimEligibleRoleAssignment } from '@cdktf/provider-azurerm/lib/pim-eligible-role-assignment';
import { Construct } from 'constructs';
import { azurermScheduleBlock } from './azurerm-schedule';
import { checkEligibilitySchedule, checkHumanOrGroup, checkJustification, checkTicket, ticketBlock } from './pim-checks';
import { PimExpirationType } from './pim-expiration-type';
import { PimRoleAssignmentProps } from './pim-role-assignment-props';
import { pimRoleDefinitionId } from './pim-role-definition-id';
import { PimSchedule } from './pim-schedule';
import { checkScheduleAtSynth } from './schedule-limits';
import { PimTicket } from './ticket';
import { checkCondition } from '../grants/abac-condition';
import { claimAssignment } from '../grants/same-assignment';
import type { IPrincipal } from '../model/principal';
import { azurermPim } from '../private/pim-providers';
import { recordPermanentEligibility, recordPrincipal } from '../private/record-metadata';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/** Properties of an eligible role assignment. */
export interface EligibleRoleAssignmentProps extends PimRoleAssignmentProps {
  /**
   * An ABAC condition that limits what the activated role may do, e.g. which roles a
   * User Access Administrator may assign.
   * @default - no condition
   */
  readonly condition?: string;
  /**
   * The condition language version: Azure accepts only "2.0".
   * @default "2.0" when a condition is given
   */
  readonly conditionVersion?: string;
}

/**
 * Eligibility for an Azure role (`azurerm_pim_eligible_role_assignment`): the principal holds
 * nothing until it activates the role, under the rules of the role's activation policy at the
 * scope (see `RoleActivationPolicy`).
 *
 * Every argument of the resource forces replacement, so nothing here is derived from the clock:
 * the start is an input or the moment of apply.
 */
export class EligibleRoleAssignment extends Construct {
  /** The user or group that may activate the role. */
  public readonly principal: IPrincipal;
  /** The role the principal may activate. */
  public readonly role: Role;
  /** Where the role applies once activated. */
  public readonly scope: Scope;
  /** Why the principal is eligible, as recorded with the PIM request. */
  public readonly justification: string;
  /** When the eligibility starts and ends. */
  public readonly schedule: PimSchedule;
  /** The ticket that authorizes the eligibility, when one was given. */
  public readonly ticket?: PimTicket;
  /** The subscription-scoped (or, at a management group, tenant) role definition ID written to the resource. */
  public readonly roleDefinitionId: string;
  /** True when the eligibility never ends (asked for with `PimSchedule.noExpiration`). */
  public readonly isPermanent: boolean;
  /** The `azurerm_pim_eligible_role_assignment` resource. */
  public readonly resource: PimEligibleRoleAssignment;

  /**
   * @param scope the construct to define this one in (a stack, or a construct inside one)
   * @param id the construct ID, unique among its siblings and part of the path that messages name
   * @param props who may activate which role where, why, and until when
   */
  constructor(scope: Construct, id: string, props: EligibleRoleAssignmentProps) {
    super(scope, id);
    const path = this.node.path;
    this.principal = checkHumanOrGroup(path, props.principal, 'principal');
    this.role = props.role;
    this.scope = props.scope;
    this.justification = checkJustification(path, props.justification);
    this.ticket = checkTicket(path, props.ticket);
    this.schedule = checkEligibilitySchedule(path, props.schedule);
    const schedule = props.schedule._resolve(path);
    this.isPermanent = schedule.expirationType === PimExpirationType.NO_EXPIRATION;
    const condition = checkCondition(path, props.condition, props.conditionVersion);
    this.roleDefinitionId = pimRoleDefinitionId(path, props.role, props.scope);
    claimAssignment(this, 'eligible', this.principal, props.role, props.scope);

    const { PimEligibleRoleAssignment: Resource } = azurermPim.eligibleRoleAssignment();
    this.resource = new Resource(this, 'Resource', {
      scope: props.scope.id,
      roleDefinitionId: this.roleDefinitionId,
      principalId: this.principal.principalId,
      justification: this.justification,
      schedule: azurermScheduleBlock(path, schedule),
      ticket: ticketBlock(this.ticket),
      condition: condition?.condition,
      conditionVersion: condition?.version,
    });
    recordPrincipal(this.resource, this.principal);
    checkScheduleAtSynth({ construct: this, kind: 'eligible', role: props.role, scope: props.scope, schedule });
    if (this.isPermanent) {
      // The reason travels with the JSON, so whoever reads the synthesized diff sees why.
      recordPermanentEligibility(this.resource, schedule.permanentJustification!);
    }
  }
}
