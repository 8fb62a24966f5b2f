import { NOT_ROLE_ASSIGNABLE_ERROR } from '../../model/role-assignable-group';
import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { AccessGraph } from '../../review/graph/access-graph';
import { describePrincipal } from '../../review/graph/describe-principal';
import { GraphDirectoryObject, GraphDirectoryRole, GraphGroupMembership, GraphPrincipal, Origin } from '../../review/graph/graph-types';
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

/**
 * The groups the configuration declares that are not role-assignable (`assignable_to_role` false
 * or not set), by principal key. In a plan, a role for a group that exists already names it by
 * its ID, which resolves to the group's key as its reference does (resolve-principal.ts).
 */
function groupsNotRoleAssignable(graph: AccessGraph): Map<string, GraphDirectoryObject> {
  const groups = new Map<string, GraphDirectoryObject>();
  for (const o of graph.directoryObjects) if (o.kind === 'group' && o.principal !== undefined && o.roleAssignable === false) groups.set(o.principal.key, o);
  return groups;
}

export const groupNotRoleAssignable: Rule = {
  id: RuleId.GROUP_NOT_ROLE_ASSIGNABLE,
  title: 'Entra role for a group that is not role-assignable',
  defaultSeverity: Severity.ERROR,
  description:
    'An Entra directory role (azuread_directory_role_assignment, azuread_directory_role_member, azuread_administrative_unit_role_member, or an eligibility) ' +
    `is given to a group this configuration declares with assignable_to_role false or not set. Entra refuses it at apply ("${NOT_ROLE_ASSIGNABLE_ERROR}"), ` +
    'so the plan succeeds and the apply fails. A group the configuration does not declare, or whose assignable_to_role cannot be read, may be ' +
    'role-assignable and is not reported.',
  fix: 'Give the role to a group made with assignable_to_role = true (Entra cannot change it on an existing group: Terraform replaces the group), ' +
    'or make people eligible for the role themselves.',
  check: (graph) => {
    const groups = groupsNotRoleAssignable(graph);
    const refused = (origin: Origin, principal: GraphPrincipal, what: string) => {
      const group = groups.get(principal.key);
      if (group === undefined) return [];
      return [{
        origin,
        message: `${what} ${describePrincipal(principal)}, which is not role-assignable (${group.origin.address}: assignable_to_role false or not set, `
          + `where Entra needs true): Entra refuses it at apply with "${NOT_ROLE_ASSIGNABLE_ERROR}".`,
      }];
    };
    return [
      ...graph.directoryRoles.flatMap((d) => refused(d.origin, d.principal, `The Entra role "${d.role.name}" is given to`)),
      ...graph.eligibilities
        .filter((e) => e.kind === 'entra-directory-role')
        .flatMap((e) => refused(e.origin, e.principal, `Eligibility for the Entra role "${e.entraRole?.name ?? e.directoryRole}" is given to`)),
    ];
  },
};
