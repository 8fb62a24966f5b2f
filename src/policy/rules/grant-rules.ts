import { isHumanOrGroup, isWorkload, serviceAccountUsers } from './principal-kinds';
import { PrincipalKind } from '../../model/principal-kind';
import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { needsWideScopeReason, WIDE_SCOPE_FIX, wideScopeMessage } from '../../model/wide-scope-policy';
import { describePrincipal } from '../../review/graph/describe-principal';
import { Rule } from '../rule';

export const wideScope: Rule = {
  id: RuleId.WIDE_SCOPE,
  title: 'Standing grant at a wide scope',
  defaultSeverity: Severity.ERROR,
  description: 'A standing role assignment at subscription, management group, root or unknown scope (unknown counts as the widest).',
  // One decision with the library's own grants (model/wide-scope-policy.ts): the same settings,
  // message and fix whether a guard, the command or an unguarded grant judges it.
  fix: WIDE_SCOPE_FIX,
  acceptedBy: '`justification` on the grant, `allowedWideScopes`, or a suppression with a reason',
  check: (graph, context) =>
    graph.grants
      .filter((g) => needsWideScopeReason(g.scope.level, g.scope.value, context))
      .map((g) => ({
        origin: g.origin,
        message: wideScopeMessage(describePrincipal(g.principal), g.role.name, g.scope.level, g.scope.value),
      })),
};

export const standingAccessAdmin: Rule = {
  id: RuleId.STANDING_ACCESS_ADMIN,
  title: 'Standing access administration for a person',
  defaultSeverity: Severity.ERROR,
  description: 'A user or group holds, standing (not through PIM), a role that can grant access: Owner, User Access Administrator, RBAC Administrator, or a custom role with roleAssignments/write.',
  fix: 'Make the role eligible through PIM (EligibleRoleAssignment or JustInTimeAccess) with a short, approved activation instead of a standing assignment.',
  check: (graph) =>
    graph.grants
      .filter((g) => g.via === 'role-assignment' && g.role.canGrantAccess && isHumanOrGroup(g.principal))
      .map((g) => ({
        origin: g.origin,
        message: `${describePrincipal(g.principal)} holds "${g.role.name}" standing at ${g.scope.value}${g.role.known ? '' : ' (the role cannot be read, so it counts as one that can grant access)'}.`,
      })),
};

export const workloadCanGrantAccess: Rule = {
  id: RuleId.WORKLOAD_CAN_GRANT_ACCESS,
  title: 'Workload that can grant access',
  defaultSeverity: Severity.ERROR,
  description: 'A managed identity or service principal holds (or is eligible for) a role that can write role assignments: whoever controls the workload can give anyone any role.',
  fix: 'Give the workload only the data-plane or control-plane role it uses; role assignments belong to the deployment pipeline or to people through PIM.',
  check: (graph) => [
    ...graph.grants
      .filter((g) => isWorkload(g.principal) && g.role.canGrantAccess)
      .map((g) => ({ origin: g.origin, message: `${describePrincipal(g.principal)} holds "${g.role.name}" at ${g.scope.value}, which can grant access.` })),
    ...graph.eligibilities
      .filter((e) => isWorkload(e.principal) && e.role?.canGrantAccess)
      .map((e) => ({ origin: e.origin, message: `${describePrincipal(e.principal)} is eligible for "${e.role!.name}", which can grant access.` })),
  ],
};

export const workloadWildcard: Rule = {
  id: RuleId.WORKLOAD_WILDCARD,
  title: 'Workload with a wildcard control-plane role',
  defaultSeverity: Severity.ERROR,
  description: 'A managed identity or service principal holds a role with "*" among its actions (Owner, Contributor), at any scope.',
  fix: 'Replace the wildcard role with the narrow built-in role the workload needs (e.g. Key Vault Secrets User, Storage Blob Data Reader).',
  check: (graph) =>
    graph.grants
      .filter((g) => isWorkload(g.principal) && g.role.hasWildcardControlPlane)
      .map((g) => ({ origin: g.origin, message: `${describePrincipal(g.principal)} holds "${g.role.name}" (wildcard control plane) at ${g.scope.value}.` })),
};

/** An unknown value that reads `each` or `count`: its instances differ, though their text is the same. */
const INSTANCE_VALUE = /\$\{[^}]*\b(?:each|count)\./;

export const duplicateAssignment: Rule = {
  id: RuleId.DUPLICATE_ASSIGNMENT,
  title: 'Duplicate assignment',
  defaultSeverity: Severity.ERROR,
  description: 'The same principal, role and scope are assigned twice; Azure refuses the second with 409 RoleAssignmentExists at apply.',
  fix: 'Keep one of the assignments (or import the existing one into the other address).',
  check: (graph) => {
    const seen = new Map<string, string>();
    const hits = [];
    for (const g of graph.grants.filter((x) => x.via === 'role-assignment')) {
      const key = [g.principal.key, g.role.guid ?? g.role.name, g.scope.value.toLowerCase()].join('|');
      // A value known only per instance (`${each.value.principal_id}`, `${var.ids[count.index]}`) is
      // written alike in every instance, yet is not the same value: no duplicate can be told.
      if (INSTANCE_VALUE.test(key)) continue;
      const first = seen.get(key);
      if (first !== undefined) {
        hits.push({ origin: g.origin, message: `${g.origin.address} repeats ${first}: "${g.role.name}" for ${g.principal.name} at ${g.scope.value}.` });
      } else {
        seen.set(key, g.origin.address);
      }
    }
    return hits;
  },
};

export const userStandingWrite: Rule = {
  id: RuleId.USER_STANDING_WRITE,
  title: 'User-based service account',
  defaultSeverity: Severity.WARNING,
  description: 'A user account holds standing write access; accounts that run automation should be managed identities.',
  fix: 'Run the automation as a managed identity, or make the access eligible through PIM for the person.',
  check: (graph) => {
    // An account the configuration shows to be a service account is AZA031's: said there once, as an error.
    const serviceAccounts = serviceAccountUsers(graph);
    return graph.grants
      // A principal of unknown kind counts as a person: the wider case.
      .filter((g) => g.via === 'role-assignment' && (g.principal.kind === PrincipalKind.HUMAN || g.principal.kind === 'unknown') && !g.role.isReadOnly)
      .filter((g) => !serviceAccounts.has(g.principal.key))
      .map((g) => ({ origin: g.origin, message: `${describePrincipal(g.principal)} holds "${g.role.name}" (write access) standing at ${g.scope.value}.` }));
  },
};
