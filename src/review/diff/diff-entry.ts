import { EntryKind } from './access-change';
import { Duration } from '../../model/duration';
import { PrincipalKind } from '../../model/principal-kind';
import { ScopeLevel } from '../../model/scope-level';
import { AccessGraph } from '../graph/access-graph';
import { GraphEligibility, GraphRole, GraphScope, Origin } from '../graph/graph-types';

/** One grant, eligibility or activation policy, reduced to what the diff compares. */
export interface DiffEntry {
  readonly entry: EntryKind;
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
    /** Absent for Entra directory roles and PIM group membership, which are not Azure RBAC roles. */
    readonly graphRole?: GraphRole;
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
      ...located(g.origin),
      principal: principalOf(g.principal),
      role: rbacRole(g.role),
      scope: stable(g.scope),
    })),
    ...graph.eligibilities.map((e) => ({ entry: 'eligible' as const, ...located(e.origin), principal: principalOf(e.principal), ...eligibleFor(e) })),
    ...graph.policies.map((p) => ({
      entry: 'activation-policy' as const,
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

function principalOf(principal: GraphEligibility['principal']): DiffEntry['principal'] {
  return { name: principal.name, kind: principal.kind, key: principal.stableKey ?? principal.key };
}

function rbacRole(role: GraphRole): DiffEntry['role'] {
  return { name: role.name, key: role.guid ?? `name:${role.name.toLowerCase()}`, graphRole: role };
}

function stable(scope: GraphScope): DiffEntry['scope'] {
  return { ...scope, stableKey: scope.stableKey ?? scope.value.toLowerCase() };
}

// Directory roles apply to the whole directory; what a PIM group carries is not known here, so it counts as the widest.
function eligibleFor(e: GraphEligibility): Pick<DiffEntry, 'role' | 'scope'> {
  if (e.kind === 'azure-rbac') return { role: rbacRole(e.role!), scope: stable(e.scope!) };
  if (e.kind === 'entra-directory-role') {
    const role = e.directoryRole ?? 'unknown';
    return {
      role: { name: `directory role ${role}`, key: `directory:${role.toLowerCase()}` },
      scope: { value: 'directory', level: ScopeLevel.ROOT, stableKey: 'directory' },
    };
  }
  const group = e.groupId ?? 'unknown';
  const membership = e.assignmentType ?? 'member';
  return {
    role: { name: `${membership} of group`, key: `group:${membership.toLowerCase()}` },
    scope: { value: `group ${group}`, level: ScopeLevel.UNKNOWN, stableKey: `group:${group.toLowerCase()}` },
  };
}
