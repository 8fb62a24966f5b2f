import { parseDateTime } from '../../model/dates';
import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { describePrincipal } from '../../review/graph/describe-principal';
import { Origin } from '../../review/graph/graph-types';
import { Rule, RuleHit } from '../rule';

/**
 * AZA020: a PIM schedule whose end is already past on the day of review. The constructs read no
 * clock, so only the guard and the command, which know `today`, can tell; Azure refuses such a
 * request at apply (the end must be in the future).
 */
export const scheduleEnded: Rule = {
  id: RuleId.SCHEDULE_ENDED,
  title: 'PIM schedule that has already ended',
  defaultSeverity: Severity.ERROR,
  description: 'An eligible or active PIM assignment whose end date-time is before today: Azure refuses the request at apply, and nobody gets the access the code declares.',
  fix: 'Give the assignment a future end (PimSchedule.until with a later date, or afterDuration), or remove it if the access is no longer needed.',
  check: (graph, context) => {
    const today = parseDateTime(`${context.today}T00:00:00Z`) as number;
    const ended = (origin: Origin, who: string, end: string | undefined): RuleHit[] => {
      if (end === undefined || /^P/i.test(end)) return [];
      const instant = parseDateTime(end);
      return typeof instant === 'number' && instant < today
        ? [{ origin, message: `${who} ended on ${end}, before ${context.today}.` }]
        : [];
    };
    return [
      ...graph.grants
        .filter((g) => g.via === 'pim-active')
        .flatMap((g) => ended(g.origin, `the active assignment of "${g.role.name}" to ${describePrincipal(g.principal)}`, g.expiry)),
      ...graph.eligibilities.flatMap((e) =>
        ended(e.origin, `the eligibility of ${describePrincipal(e.principal)} for "${e.role?.name ?? e.directoryRole ?? e.groupId ?? 'a role'}"`, e.expiry.endDateTime)),
    ];
  },
};
