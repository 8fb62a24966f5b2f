import type { PrivilegedAccessGroupEligibilitySchedule } from '@cdktf/provider-azuread/lib/privileged-access-group-eligibility-schedule';
import { Construct } from 'constructs';
import { GroupAssignmentType } from './group-assignment-type';
import { checkEligibilitySchedule, checkHumanOrGroup, checkJustification, checkTicket } from './pim-checks';
import { PimExpirationType } from './pim-expiration-type';
import { PimSchedule } from './pim-schedule';
import { checkScheduleAtSynth } from './schedule-limits';
import { PimTicket } from './ticket';
import type { IPrincipal } from '../model/principal';
import { PrincipalKind } from '../model/principal-kind';
import { azureadPim } from '../private/pim-providers';
import { recordPermanentEligibility, recordPrincipal } from '../private/record-metadata';

/** Properties of a PIM for Groups eligibility. */
export interface GroupEligibilityProps {
  /** The PIM-enabled group the principal becomes eligible for, e.g. `Principal.group('<object-id>')`. */
  readonly group: IPrincipal;
  /** Who may activate the membership or ownership: a user or a group. */
  readonly principal: IPrincipal;
  /** @default GroupAssignmentType.MEMBER */
  readonly assignmentType?: GroupAssignmentType;
  /**
   * When eligibility starts and ends. A duration is written as ISO 8601 (`P180D`); Entra
   * rejects years, so a year is `Duration.days(365)` (`P365D`), never `P1Y`. Permanent only
   * with `PimSchedule.noExpiration('reason')`.
   */
  readonly schedule: PimSchedule;
  /** Why the principal is eligible; recorded with the request. */
  readonly justification: string;
  /** @default - no ticket */
  readonly ticket?: PimTicket;
}

/**
 * Eligibility for membership or ownership of a PIM-enabled group
 * (`azuread_privileged_access_group_eligibility_schedule`). Unlike a directory role
 * eligibility, this one can expire: give the group a directory or Azure role and make people
 * eligible for the group to get time-bound eligibility for the role.
 */
export class GroupEligibility extends Construct {
  public readonly group: IPrincipal;
  public readonly principal: IPrincipal;
  public readonly assignmentType: GroupAssignmentType;
  public readonly schedule: PimSchedule;
  public readonly justification: string;
  public readonly ticket?: PimTicket;
  /** True when the eligibility never ends (asked for with `PimSchedule.noExpiration`). */
  public readonly isPermanent: boolean;
  /** The `azuread_privileged_access_group_eligibility_schedule` resource. */
  public readonly resource: PrivilegedAccessGroupEligibilitySchedule;

  constructor(scope: Construct, id: string, props: GroupEligibilityProps) {
    super(scope, id);
    const path = this.node.path;
    this.group = checkHumanOrGroup(path, props.group, 'group');
    if (this.group.kind !== PrincipalKind.GROUP) {
      throw new Error(`${path}: group ${this.group.displayName} is of kind "${this.group.kind}". Accepted: a group (${PrincipalKind.GROUP}), e.g. Principal.group('<object-id>').`);
    }
    this.principal = checkHumanOrGroup(path, props.principal, 'principal');
    const assignmentType = props.assignmentType ?? GroupAssignmentType.MEMBER;
    const accepted = Object.values(GroupAssignmentType) as string[];
    if (!accepted.includes(assignmentType)) {
      throw new Error(`${path}: assignmentType ${JSON.stringify(assignmentType)} is not accepted. Accepted: ${accepted.join(', ')} (GroupAssignmentType).`);
    }
    this.assignmentType = assignmentType;
    this.justification = checkJustification(path, props.justification);
    this.ticket = checkTicket(path, props.ticket);
    this.schedule = checkEligibilitySchedule(path, props.schedule);
    const schedule = props.schedule._resolve(path);
    this.isPermanent = schedule.expirationType === PimExpirationType.NO_EXPIRATION;

    const { PrivilegedAccessGroupEligibilitySchedule: Resource } = azureadPim.privilegedAccessGroupEligibilitySchedule();
    this.resource = new Resource(this, 'Resource', {
      groupId: this.group.principalId,
      principalId: this.principal.principalId,
      assignmentType,
      startDate: schedule.startDateTime,
      duration: schedule.duration?.toIsoString(),
      expirationDate: schedule.endDateTime,
      permanentAssignment: this.isPermanent ? true : undefined,
      justification: this.justification,
      ticketNumber: this.ticket?.number,
      ticketSystem: this.ticket?.system,
    });
    recordPrincipal(this.resource, this.principal);
    checkScheduleAtSynth({ construct: this, kind: 'eligible', schedule });
    if (this.isPermanent) {
      recordPermanentEligibility(this.resource, schedule.permanentJustification!);
    }
  }
}
