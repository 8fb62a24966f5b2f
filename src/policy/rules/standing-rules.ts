import { parseDateTime } from '../../model/dates';
import { Duration } from '../../model/duration';
import { PrincipalKind } from '../../model/principal-kind';
import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { describePrincipal } from '../../review/graph/describe-principal';
import { Rule } from '../rule';

/** The longest an assignment that must end may last: the longest expire_after a role policy accepts. */
const LONGEST_EXPIRY_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

export const groupStandingWrite: Rule = {
  id: RuleId.GROUP_STANDING_WRITE,
  title: 'Standing write access for a group of people',
  defaultSeverity: Severity.WARNING,
  description:
    'A group holds standing (not through PIM) write access: every member holds it all the time. Zero standing privilege for people covers groups of people too.',
  fix: 'Make the access eligible through PIM (EligibleRoleAssignment or JustInTimeAccess for the group, or PIM for Groups), or give the group a read-only role.',
  check: (graph) =>
    graph.grants
      .filter((g) => g.via === 'role-assignment' && g.principal.kind === PrincipalKind.GROUP && !g.role.isReadOnly)
      .map((g) => ({ origin: g.origin, message: `${describePrincipal(g.principal)} holds "${g.role.name}" (write access) standing at ${g.scope.value}.` })),
};

export const activeAssignmentStanding: Rule = {
  id: RuleId.ACTIVE_ASSIGNMENT_STANDING,
  title: 'Active PIM assignment that does not end',
  defaultSeverity: Severity.ERROR,
  description:
    `An active PIM assignment with no end (or an end that cannot be read), or lasting longer than ${LONGEST_EXPIRY_DAYS} days: ` +
    'standing access by another name, and beyond what a role policy that requires an end accepts.',
  fix: 'Give the active assignment a short end (hours or days, PimSchedule.afterDuration), or make the principal eligible instead.',
  check: (graph, context) =>
    graph.grants
      .filter((g) => g.via === 'pim-active')
      .flatMap((g) => {
        const why = whyActiveNeverEnds(g.expiry, context.today);
        return why === undefined ? [] : [{ origin: g.origin, message: `${describePrincipal(g.principal)} holds "${g.role.name}" active at ${g.scope.value} ${why}.` }];
      }),
};

/**
 * Why an active assignment counts as standing, or undefined when it ends in time: no end, or one
 * later than the longest a policy requiring an end accepts. `expiry` is the end as written (a
 * duration or a date-time); undefined is none. Azure's active assignments and PIM for Groups' alike.
 */
export function whyActiveNeverEnds(expiry: string | undefined, today: string): string | undefined {
  if (expiry === undefined) return 'with no end (or one that cannot be read)';
  if (/^P/i.test(expiry)) {
    const days = durationDays(expiry);
    return days === undefined || days > LONGEST_EXPIRY_DAYS ? `for ${expiry}, longer than ${LONGEST_EXPIRY_DAYS} days` : undefined;
  }
  const end = parseDateTime(expiry);
  const limit = (parseDateTime(`${today}T00:00:00Z`) as number) + LONGEST_EXPIRY_DAYS * DAY_MS;
  return typeof end === 'number' && end > limit ? `until ${expiry}, more than ${LONGEST_EXPIRY_DAYS} days from ${today}` : undefined;
}

/** The length of an ISO duration in days; undefined when it is longer than any setting accepts or unreadable. */
function durationDays(iso: string): number | undefined {
  try {
    return Duration.parse(iso).totalDays;
  } catch {
    return undefined;
  }
}
