import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { Rule } from '../rule';

export const missingOwner: Rule = {
  id: RuleId.MISSING_OWNER,
  title: 'Nobody answers for it',
  defaultSeverity: Severity.WARNING,
  description: 'A user-assigned identity without an `owner` tag, or a grant to a principal known only by object ID with no description.',
  fix: 'Tag the identity with its owner (WorkloadIdentity requires one), or describe who the principal is in the grant\'s description.',
  check: (graph) => [
    ...graph.identities
      .filter((i) => i.kind === 'user-assigned' && !i.owner)
      .map((i) => ({ origin: i.origin, message: `identity ${i.name} has no owner tag.` })),
    ...graph.grants
      // Named when this library recorded a name beside a literal object ID.
      .filter((g) => g.principal.definedBy === undefined && !g.description && g.principal.name.toLowerCase() === g.principal.key)
      .map((g) => ({ origin: g.origin, message: `"${g.role.name}" is granted to ${g.principal.name}, which nothing in the configuration describes.` })),
  ],
};
