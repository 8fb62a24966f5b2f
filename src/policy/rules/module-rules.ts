import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { Rule } from '../rule';

/**
 * AZA016: a module call the review could not read. An error: the module may hold any access
 * (an Owner grant as easily as nothing), and a gate must not pass what it did not read.
 */
export const moduleNotRead: Rule = {
  id: RuleId.MODULE_NOT_READ,
  title: 'Module not read',
  defaultSeverity: Severity.ERROR,
  description: 'A module call whose module the review could not read (a local directory that is missing or unreadable, '
    + 'a registry or git module that `terraform init` did not install), so no rule judged the access it declares.',
  fix: 'Run `terraform init` before the review so that .terraform/modules/modules.json lists the module, or give the module\'s '
    + 'directory; review a plan JSON (`terraform show -json`) to see every module; suppress AZA016 on the module address with a reason.',
  check: (graph) =>
    graph.modulesNotRead.map((m) => ({
      origin: m.origin,
      message: `${m.origin.address} (source "${m.source}") was not read: ${m.reason}; the access it declares is not reviewed.`,
    })),
};
