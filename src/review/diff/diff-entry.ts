import { EntryKind, RoleKind } from './access-change';
import { Duration } from '../../model/duration';
import { PrincipalKind } from '../../model/principal-kind';
import { ScopeLevel } from '../../model/scope-level';
import { PermissionTier } from '../../roles/permission-tier';
import { AccessGraph } from '../graph/access-graph';
import { GraphApi, GraphAppPermission, GraphDirectoryRole, GraphEligibility, GraphPrincipal, GraphRole, GraphScope, Origin } from '../graph/graph-types';
import { describeAppPermission, describeDirectoryRole } from '../report/describe-entra-access';

/**
 * One grant, eligibility, activation policy, standing Entra directory role or application
 * permission, reduced to what the diff compares.
 */
export interface DiffEntry {
  readonly entry: EntryKind;
  readonly roleKind: RoleKind;
  /** Addresses are unique per stack only; `''` when the input has no stacks. */
  readonly unit: string;
  readonly address: string;
  readonly principal: {
    readonly name: string;
    readonly kind: PrincipalKind | 'unknown' | 'none';
    /** Independent of Terraform addresses where the graph could make it so. */
    readonly key: string;
  };
  readonly role: {
    readonly name: string;
    readonly key: string;
    /** Absent for Entra directory roles, application permissions and PIM group membership, which are not Azure RBAC roles. */
    readonly graphRole?: GraphRole;
    /** For a standing Entra directory role and an application permission: the tier it is classified in. */
    readonly tier?: PermissionTier;
  };
  readonly scope: GraphScope & { readonly stableKey: string };
  readonly maximumActivation?: Duration;
}

/** The same principal, role and scope, whatever the address. */
export function identityOf(entry: DiffEntry): string {
  return `${entry.principal.key}\u0000${entry.role.key}\u0000${entry.scope.stableKey}`;
}

/** Every entry of a graph, sorted so that pairing is deterministic. */
export function entriesOf(graph: AccessGraph): DiffEntry[] {
  const entries: DiffEntry[] = [
    ...graph.grants.map((g) => ({
      entry: 'standing' as const,
      roleKind: 'azure-rbac' as const,
      ...located(g.origin),
      principal: principalOf(g.principal),
      role: rbacRole(g.role),
      scope: stable(g.scope),
    })),
    ...graph.directoryRoles.map(directoryRoleEntry),
    ...graph.appPermissions.map(appPermissionEntry),
    ...graph.eligibilities.map((e) => ({ entry: 'eligible' as const, ...located(e.origin), principal: principalOf(e.principal), ...eligibleFor(e) })),
    ...graph.policies.map((p) => ({
      entry: 'activation-policy' as const,
      roleKind: 'azure-rbac' as const,
      ...located(p.origin),
      principal: { name: 'whoever is eligible', kind: 'none' as const, key: '' },
      role: rbacRole(p.role),
      scope: stable(p.scope),
      maximumActivation: p.maximumActivation,
    })),
  ];
  const order = (e: DiffEntry) => `${e.unit}\u0000${e.address}\u0000${e.entry}\u0000${identityOf(e)}`;
  return entries.sort((a, b) => compareText(order(a), order(b)));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function located(origin: Origin): Pick<DiffEntry, 'unit' | 'address'> {
  return { unit: origin.stack ?? '', address: origin.address };
}

function principalOf(principal: GraphPrincipal): DiffEntry['principal'] {
  return { name: principal.name, kind: principal.kind, key: principal.stableKey ?? principal.key };
}

function rbacRole(role: GraphRole): DiffEntry['role'] {
  return { name: role.name, key: role.guid ?? `name:${role.name.toLowerCase()}`, graphRole: role };
}

function stable(scope: GraphScope): DiffEntry['scope'] {
  return { ...scope, stableKey: scope.stableKey ?? scope.value.toLowerCase() };
}

/**
 * The key of an Entra directory role, held or eligible: its template ID where the graph knows it
 * (eligibilities carry the ID as written), else its name. Keys of the Entra half are prefixed, so
 * no Entra role or scope is ever taken for an Azure one (an Azure scope can be `/` too).
 */
function directoryRoleKey(idOrName: string): string {
  return `directory:${idOrName.toLowerCase()}`;
}

function directoryScope(scope: GraphScope): DiffEntry['scope'] {
  return { ...scope, stableKey: `directory:${scope.stableKey ?? scope.value.toLowerCase()}` };
}

function directoryRoleEntry(d: GraphDirectoryRole): DiffEntry {
  return {
    entry: 'standing',
    roleKind: 'entra-directory-role',
    ...located(d.origin),
    principal: principalOf(d.principal),
    role: { name: describeDirectoryRole(d), key: directoryRoleKey(d.role.templateId ?? d.role.name), tier: d.role.tier },
    scope: directoryScope(d.scope),
  };
}

/** An API is known by kind for Microsoft Graph (its ID is the same in every tenant), else by its name or the value as written. */
function apiKey(api: GraphApi): string {
  return `api:${api.kind === 'microsoft-graph' ? api.kind : `${api.kind}:${api.name.toLowerCase()}`}`;
}

/**
 * An application permission: the API is its scope. It holds across the tenant (an app role is not
 * scoped below it), so every API is at ROOT and another API is another permission, never a scope change.
 */
function appPermissionEntry(p: GraphAppPermission): DiffEntry {
  return {
    entry: 'standing',
    roleKind: 'app-permission',
    ...located(p.origin),
    principal: principalOf(p.principal),
    // App role IDs are the same in every tenant; the name stands in where the ID is not known.
    role: { name: describeAppPermission(p), key: `permission:${(p.appRoleId ?? p.name).toLowerCase()}`, tier: p.tier },
    scope: { value: p.api.name, level: ScopeLevel.ROOT, stableKey: apiKey(p.api), name: p.api.name },
  };
}

// What a PIM group carries is not known here, so it counts as the widest.
function eligibleFor(e: GraphEligibility): Pick<DiffEntry, 'roleKind' | 'role' | 'scope'> {
  if (e.kind === 'azure-rbac') return { roleKind: 'azure-rbac', role: rbacRole(e.role!), scope: stable(e.scope!) };
  if (e.kind === 'entra-directory-role') {
    // Resolved like a standing role's (by template ID, or a reference to an activated role), so the two match.
    const role = e.entraRole;
    return {
      roleKind: 'entra-directory-role',
      role: role === undefined ? { name: `directory role ${e.directoryRole ?? 'unknown'}`, key: directoryRoleKey(e.directoryRole ?? 'unknown') }
        : { name: describeDirectoryRole({ role }), key: directoryRoleKey(role.templateId ?? role.name), tier: role.tier },
      // The same keys as a standing directory role, so an eligibility made standing is seen as one.
      scope: directoryScope(e.scope ?? { value: '/', level: ScopeLevel.ROOT }),
    };
  }
  const group = e.groupId ?? 'unknown';
  const membership = e.assignmentType ?? 'member';
  return {
    roleKind: 'pim-group',
    role: { name: `${membership} of group`, key: `group:${membership.toLowerCase()}` },
    scope: { value: `group ${group}`, level: ScopeLevel.UNKNOWN, stableKey: `group:${group.toLowerCase()}` },
  };
}
