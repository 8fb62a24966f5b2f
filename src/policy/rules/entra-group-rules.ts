import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { AccessGraph } from '../../review/graph/access-graph';
import { describePrincipal } from '../../review/graph/describe-principal';
import { GraphDirectoryRole, GraphGroupMembership } from '../../review/graph/graph-types';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { Rule } from '../rule';

/** The Entra roles of each group and which groups are declared, by principal key, indexed once: asked per member, a scan was quadratic. */
interface GroupIndex {
  readonly roles: Map<string, GraphDirectoryRole[]>;
  readonly declared: Set<string>;
}

function groupIndex(graph: AccessGraph): GroupIndex {
  const roles = new Map<string, GraphDirectoryRole[]>();
  for (const d of graph.directoryRoles) {
    const list = roles.get(d.principal.key);
    if (list) list.push(d);
    else roles.set(d.principal.key, [d]);
  }
  const declared = new Set(graph.directoryObjects.filter((o) => o.kind === 'group' && o.principal !== undefined).map((o) => o.principal!.key));
  return { roles, declared };
}

/** What the group holds in Entra, as the message names it; or why the group counts as role-assignable at all. */
function groupHoldings(index: GroupIndex, membership: GraphGroupMembership): string {
  const roles = index.roles.get(membership.group.key) ?? [];
  const tier0 = roles.filter((d) => d.role.tier === PrivilegeTier.CONTROL_PLANE).map((d) => `"${d.role.name}" (tier 0)`);
  const others = roles.filter((d) => d.role.tier !== PrivilegeTier.CONTROL_PLANE).map((d) => `"${d.role.name}"`);
  if (roles.length) return `, which holds the Entra role(s) ${[...tier0, ...others].join(', ')} standing`;
  return index.declared.has(membership.group.key)
    ? '; the group holds no Entra role in this configuration, but it exists to hold them'
    : '; the group is not declared in this configuration, so it may be role-assignable (counted as such)';
}

export const roleAssignableGroupStandingMember: Rule = {
  id: RuleId.ROLE_ASSIGNABLE_GROUP_STANDING_MEMBER,
  title: 'Standing member of a role-assignable group',
  defaultSeverity: Severity.ERROR,
  description:
    'A principal is a member of a role-assignable group (assignable_to_role; a group the configuration does not declare counts as one) through members or ' +
    'azuread_group_member: it holds every Entra role the group holds, all the time, without activating anything. Role-assignable groups exist to carry Entra ' +
    'roles, which are tier 0 more often than not, so standing membership is an error, as a standing tier-0 role is (AZA021).',
  fix: 'Make people eligible members through PIM for Groups (azuread_privileged_access_group_eligibility_schedule with an end), ' +
    'and keep standing membership for break-glass accounts alone, suppressed with a reason.',
  check: (graph) => {
    const index = groupIndex(graph);
    return graph.groupMemberships
      .filter((m) => m.roleAssignable)
      .map((m) => ({
        origin: m.origin,
        message: `${describePrincipal(m.member)} is a standing member of role-assignable ${describePrincipal(m.group)}${groupHoldings(index, m)}.`,
      }));
  },
};
