import { RuleId } from '../../model/rule-id';
import { isWideScope } from '../../model/scope-level';
import { Severity } from '../../model/severity';
import { Rule } from '../rule';

/**
 * AZA014: a custom role is judged on its own. A role that can grant access (or holds `*`) and may
 * be assigned at a subscription or wider is one assignment away from Owner there, and the
 * assignment may be made outside this configuration (the portal, another pipeline), so the
 * definition is the last place this review sees it.
 */
export const wideCustomRole: Rule = {
  id: RuleId.WIDE_CUSTOM_ROLE,
  title: 'Custom role that can grant access, assignable wide',
  defaultSeverity: Severity.ERROR,
  description: 'A custom role definition that can grant access (roleAssignments/write, Microsoft.Authorization/*, "*") or holds "*" actions, '
    + 'assignable at a subscription, management group, root or unknown scope, whether anyone holds it or not. '
    + 'Permissions that cannot be read count as "*".',
  fix: 'Remove the wildcard and role-assignment actions (or put them in not_actions), or limit assignable_scopes to the resource groups that need the role; '
    + 'use a built-in role where one fits.',
  check: (graph) =>
    graph.roleDefinitions
      .filter((d) => d.role.canGrantAccess || d.role.hasWildcardControlPlane)
      .flatMap((d) => {
        const wide = d.assignableScopes.filter((s) => isWideScope(s.level));
        if (wide.length === 0) return [];
        const what = [d.role.canGrantAccess ? 'can grant access' : undefined, d.role.hasWildcardControlPlane ? 'holds "*" actions' : undefined]
          .filter((x) => x !== undefined).join(' and ');
        const where = wide.map((s) => `${s.value || '(no scope)'} (${s.level})`).join(', ');
        // The role's name already says which permissions could not be read.
        return [{ origin: d.origin, message: `custom role "${d.role.name}" ${what} and is assignable at ${where}.` }];
      }),
};
