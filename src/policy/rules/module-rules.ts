import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { instancesByCall } from '../../review/graph/modules-not-read';
import { Rule } from '../rule';

/**
 * AZA016: a module call the review could not read. An error: the module may hold any access
 * (an Owner grant as easily as nothing), and a gate must not pass what it did not read. A module
 * listed as holding no access (data/modules-without-access.json, each read at a commit) is not
 * reported: not reading it hides nothing.
 */
export const moduleNotRead: Rule = {
  id: RuleId.MODULE_NOT_READ,
  title: 'Module not read',
  defaultSeverity: Severity.ERROR,
  description: 'A module call whose module the review could not read (a local directory that is missing or unreadable, '
    + 'a registry or git module that `terraform init` did not install, a module a cdktf stack calls), so no rule judged the access it '
    + 'declares. Modules whose source was read and holds no access (naming, region and environment utilities, data/modules-without-access.json) are not reported. '
    + 'The instances of one call (its for_each, or those of the module it is in) are one finding that names the others.',
  fix: 'Run `terraform init` (or `terraform get`) first, or review the plan JSON (`terraform show -json`), which holds every module\'s '
    + 'resources; a local module is read from its directory. Suppress AZA016 on the module address with a reason.',
  check: (graph) =>
    instancesByCall(graph.modulesNotRead.filter((m) => m.holdsNoAccess === undefined)).map(([m, ...others]) => ({
      origin: m.origin,
      message: others.length === 0
        ? `${m.origin.address} (source "${m.source}") was not read: ${m.reason}; the access it declares is not reviewed.`
        : `${m.origin.address} (source "${m.source}") was not read, nor ${others.length} other instance${others.length === 1 ? '' : 's'} of the same `
          + `module call (${others.slice(0, INSTANCES_NAMED).map((o) => o.origin.address).join(', ')}`
          + `${others.length > INSTANCES_NAMED ? `, and ${others.length - INSTANCES_NAMED} more` : ''}): ${m.reason}; the access they declare is not reviewed.`,
      // The review never follows a cdktf stack's calls: only its plan shows what they declare.
      ...(m.cdktfCall ? {
        fix: 'Review the stack\'s plan JSON (`terraform show -json` of a plan made in its cdktf.out/stacks directory), which holds the module\'s '
          + 'resources. To accept the call: a suppression of AZA016 on the module address in `check --config`, or the guard\'s severityOverrides.',
      } : {}),
    })),
};

/** How many other instances a finding names before it says how many more. */
const INSTANCES_NAMED = 3;
