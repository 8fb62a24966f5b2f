import { Construct } from 'constructs';
import { declaredGroupPolicyFor } from './group-activation-policy';
import { GroupAssignmentType } from './group-assignment-type';
import { PimExpirationType } from './pim-expiration-type';
import type { ResolvedPimSchedule } from './resolved-pim-schedule';
import { declaredPolicyFor } from './role-activation-policy';
import { parseDateTime } from '../model/dates';
import { Duration } from '../model/duration';
import type { IPrincipal } from '../model/principal';
import { isUnresolved } from '../private/cdktf-runtime';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/** The longest `expire_after` a role management policy accepts: no assignment that must end lasts longer. */
const LONGEST_EXPIRY = Duration.days(365);
const AZURE_REFUSES = 'Azure refuses it at apply (RoleAssignmentRequestPolicyValidationFailed: ExpirationRule)';
const ENTRA_REFUSES = 'Entra refuses it at apply (the policy\'s ExpirationRule fails)';

/** What a PIM assignment says about itself, for the check against its role's policy. */
export interface ScheduledAssignment {
  readonly construct: Construct;
  /** `eligible` or `active`: which of the policy's assignment rules apply. */
  readonly kind: 'eligible' | 'active';
  /** The Azure role and scope whose policy applies. */
  readonly role?: Role;
  readonly scope?: Scope;
  /** For PIM for Groups: the group and the role in it (member or owner) whose policy applies. */
  readonly group?: { readonly principal: IPrincipal; readonly assignmentType: GroupAssignmentType };
  readonly schedule: ResolvedPimSchedule;
}

/**
 * Checks a PIM assignment's schedule at synth against what Azure will accept: the rules of the
 * policy declared for the same role and scope in the app (`expire_after`, expiration required),
 * and, for an assignment that must end, the longest expiry any policy allows (P365D). At synth,
 * because the policy may be declared after the assignment. What only the date of apply can tell
 * (an end already in the past) is the guard's to judge, not the construct's: it reads no clock.
 */
export function checkScheduleAtSynth(assignment: ScheduledAssignment): void {
  assignment.construct.node.addValidation({ validate: () => scheduleProblems(assignment) });
}

function scheduleProblems({ construct, kind, role, scope, group, schedule }: ScheduledAssignment): string[] {
  const policy = role !== undefined && scope !== undefined ? declaredPolicyFor(construct, role, scope)
    : group !== undefined ? declaredGroupPolicyFor(construct, group.principal, group.assignmentType) : undefined;
  const what = role !== undefined ? `"${role.name}" at this scope` : group !== undefined ? `the ${group.assignmentType}s of this group` : 'this group';
  const refuses = group !== undefined ? ENTRA_REFUSES : AZURE_REFUSES;
  const rules = kind === 'eligible' ? policy?.eligibleAssignments : policy?.activeAssignments;
  const policyText = policy === undefined ? '' : ` by the policy ${policy.node.path}`;
  const mustEnd = rules?.expirationRequired ?? true;
  const limit = rules?.expireAfter ?? (mustEnd ? LONGEST_EXPIRY : undefined);
  const length = lengthOf(schedule);
  const problems: string[] = [];
  if (schedule.expirationType === PimExpirationType.NO_EXPIRATION && policy !== undefined && mustEnd && rules !== undefined) {
    problems.push(
      `schedule never ends, but ${kind} assignments of ${what} must end${policyText}; ${refuses}. ` +
        `Accepted: PimSchedule.afterDuration() or .until() within ${String(limit ?? LONGEST_EXPIRY)}, or expirationRequired false in the policy.`,
    );
  }
  if (length !== undefined && limit !== undefined && length.minutes > limit.totalMinutes) {
    const source = rules?.expireAfter !== undefined
      ? `the ${kind} assignment expiry of ${what} (${String(limit)}, set${policyText})`
      : `${String(LONGEST_EXPIRY)}, the longest expiry a role management policy allows for an assignment that must end`;
    problems.push(
      `schedule lasts ${length.text}, longer than ${source}; ${refuses}. ` +
        `Accepted: at most ${String(limit)}${mustEnd && policy === undefined ? ', or a policy in this app that allows permanent assignments (expirationRequired false)' : ''}.`,
    );
  }
  return problems;
}

/** How long a schedule lasts when that is known at synth: a duration, or an end and a start both written out. */
function lengthOf(schedule: ResolvedPimSchedule): { minutes: number; text: string } | undefined {
  if (schedule.expirationType === PimExpirationType.AFTER_DURATION && schedule.duration !== undefined) {
    return { minutes: schedule.duration.totalMinutes, text: String(schedule.duration) };
  }
  if (schedule.expirationType !== PimExpirationType.AFTER_DATE_TIME) return undefined;
  const { startDateTime: start, endDateTime: end } = schedule;
  if (start === undefined || end === undefined || isUnresolved(start) || isUnresolved(end)) return undefined;
  const [from, to] = [parseDateTime(start), parseDateTime(end)];
  if (typeof from !== 'number' || typeof to !== 'number' || to <= from) return undefined;
  const minutes = Math.ceil((to - from) / 60_000);
  return { minutes, text: `${Math.round(minutes / (24 * 60))} days (${start} to ${end})` };
}
