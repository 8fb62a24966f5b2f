import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { describeCoverage } from '../../review/graph/describe-coverage';
import { Rule } from '../rule';

/**
 * AZA015: an access resource the graph does not read. A warning, not an error: the configuration
 * may be fine, but nothing judged it, and `check` must not pass it in silence.
 */
export const notReviewed: Rule = {
  id: RuleId.NOT_REVIEWED,
  title: 'Access not reviewed',
  defaultSeverity: Severity.WARNING,
  description: 'An input resource carries access (it is on the reviewed list data/access-resource-types.json) '
    + 'but the review does not read that kind of resource, so no rule judged who it lets act on what.',
  fix: 'Review this access by hand, or express it with a resource the review reads (azurerm_role_assignment); '
    + 'suppress AZA015 on the address with a reason once it is reviewed.',
  check: (graph) =>
    graph.notReviewed.map((c) => ({
      origin: c.origin,
      message: `${describeCoverage(c)} carries access that this review does not read (${c.reason.replace(/\.$/, '')}); no rule judged it.`,
    })),
};
