import type { PrivilegedAccessGroupEligibilitySchedule } from '@cdktf/provider-azuread/lib/privileged-access-group-eligibility-schedule';
import { Construct } from 'constructs';
import { GroupAssignmentType } from './group-assignment-type';
import { checkEligibilitySchedule, checkHumanOrGroup, checkJustification, checkPimGroup, checkTicket } from './pim-checks';
import { PimExpirationType } from './pim-expiration-type';
import { PimSchedule } from './pim-schedule';
import { checkScheduleAtSynth } from './schedule-limits';
import { PimTicket } from './ticket';
import type { IPrincipal } from '../model/principal';
import { azureadPim } from '../private/pim-providers';
import { recordGroup, recordPermanentEligibility, recordPrincipal } from '../private/record-metadata';

/** Properties of a PIM for Groups eligibility. */
export interface GroupEligibilityProps {
  /** The PIM-enabled group the principal becomes eligible for, e.g. `Principal.group('<object-id>')`. */
  readonly group: IPrincipal;
  /** Who may activate the membership or ownership: a user or a group. */
  readonly principal: IPrincipal;
  /**
   * Whether activating makes the principal a member of the group (it holds the group's access) or an owner (it can change the membership).
   * @default GroupAssignmentType.MEMBER
   */
  readonly assignmentType?: GroupAssignmentType;
  /**
   * When eligibility starts and ends. A duration is written as ISO 8601 (`P180D`); Entra
   * rejects years, so a year is `Duration.days(365)` (`P365D`), never `P1Y`. Permanent only
   * with `PimSchedule.noExpiration('reason')`.
   */
  readonly schedule: PimSchedule;
  /** Why the principal is eligible, recorded with the request for audit. */
  readonly justification: string;
  /**
   * The change or incident ticket that authorizes the request, recorded with it for audit.
   * @default - no ticket
   */
  readonly ticket?: PimTicket;
}

/**
 * Eligibility for membership or ownership of a PIM-enabled group
 * (`azuread_privileged_access_group_eligibility_schedule`). Unlike a directory role
 * eligibility, this one can expire: give the group a directory or Azure role and make people
 * eligible for the group to get time-bound eligibility for the role.
 */
export class GroupEligibility extends Construct {
  /** The PIM-enabled group the principal may join or own. */
  public readonly group: IPrincipal;
  /** The user or group that may activate the membership or ownership. */
  public readonly principal: IPrincipal;
  /** Member or owner: what activating makes the principal. */
  public readonly assignmentType: GroupAssignmentType;
  /** When the eligibility starts and ends. */
  public readonly schedule: PimSchedule;
  /** Why the principal is eligible, as recorded with the request. */
  public readonly justification: string;
  /** The ticket that authorizes the eligibility, when one was given. */
  public readonly ticket?: PimTicket;
  /** True when the eligibility never ends (asked for with `PimSchedule.noExpiration`). */
  public readonly isPermanent: boolean;
  /** The `azuread_privileged_access_group_eligibility_schedule` resource. */
  public readonly resource: PrivilegedAccessGroupEligibilitySchedule;

  /**
   * @param scope the construct to define this one in (a stack, or a construct inside one)
   * @param id the construct ID, unique among its siblings and part of the path that messages name
   * @param props the group, who may activate, as member or owner, why, and until when
   */
  constructor(scope: Construct, id: string, props: GroupEligibilityProps) {
    super(scope, id);
    const path = this.node.path;
    const target = checkPimGroup(path, props.group, props.assignmentType);
    this.group = target.group;
    this.principal = checkHumanOrGroup(path, props.principal, 'principal');
    const assignmentType = target.assignmentType;
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
    recordGroup(this.resource, this.group);
    checkScheduleAtSynth({ construct: this, kind: 'eligible', schedule, group: { principal: this.group, assignmentType } });
    if (this.isPermanent) {
      recordPermanentEligibility(this.resource, schedule.permanentJustification!);
    }
  }
}
