import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { RuleInfo } from '../rule';

/**
 * AZA012: a suppression whose date has passed. It judges suppressions, not the graph, so
 * `evaluate()` produces its findings while it applies them; the registry holds it like any rule.
 */
export const expiredSuppression: RuleInfo = {
  id: RuleId.EXPIRED_SUPPRESSION,
  title: 'Expired suppression',
  defaultSeverity: Severity.ERROR,
  description: 'A suppression whose `until` date has passed (or is not a YYYY-MM-DD date): the finding it silenced is back.',
  fix: 'Finish the work the suppression allowed for (then delete it), or extend it with a new reason and date.',
  acceptedBy: 'nothing: extend the suppression with a new reason and date, or delete it',
};
