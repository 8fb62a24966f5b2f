import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
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
    + 'declares. Modules whose source was read and holds no access (naming, region and environment utilities, data/modules-without-access.json) are not reported.',
  fix: 'Run `terraform init` (or `terraform get`) first, or review the plan JSON (`terraform show -json`), which holds every module\'s '
    + 'resources; a local module is read from its directory. Suppress AZA016 on the module address with a reason.',
  check: (graph) =>
    graph.modulesNotRead.filter((m) => m.holdsNoAccess === undefined).map((m) => ({
      origin: m.origin,
      message: `${m.origin.address} (source "${m.source}") was not read: ${m.reason}; the access it declares is not reviewed.`,
      // The review never follows a cdktf stack's calls: only its plan shows what they declare.
      ...(m.cdktfCall ? {
        fix: 'Review the stack\'s plan JSON (`terraform show -json` of a plan made in its cdktf.out/stacks directory), which holds the module\'s '
          + 'resources. To accept the call: a suppression of AZA016 on the module address in `check --config`, or the guard\'s severityOverrides.',
      } : {}),
    })),
};
