import { scopeLevelRank } from '../../model/scope-level';
import { AccessGraph } from '../../review/graph/access-graph';
import { shownScope } from '../../review/graph/describe-scope';
import { GraphGrant, GraphPrincipal } from '../../review/graph/graph-types';
import { describeAppPermission, describeDirectoryRole, describeDirectoryScope } from '../../review/report/describe-entra-access';
import { permissionTierRank } from '../../roles/permission-tier';
import { PrivilegeTier } from '../../roles/privilege-tier';

/** One thing a principal holds, with what it is ranked by: its tier (lower is wider), then its scope's width. */
export interface Holding {
  readonly role: string;
  readonly scope: string;
  /** 0, 1 or 2 for the EAM tiers, 3 for an application-defined permission (`permissionTierRank`). */
  readonly tierRank: number;
  readonly scopeRank: number;
}

/** A graph's standing holdings by principal key, and the groups each principal is a standing member of. */
interface HoldingsIndex {
  readonly held: Map<string, Holding[]>;
  readonly groups: Map<string, string[]>;
}

// Made once per graph: a rule that asks for each of thousands of credentials reads each grant once, not once per credential.
const INDEXES = new WeakMap<AccessGraph, HoldingsIndex>();

function indexOf(graph: AccessGraph): HoldingsIndex {
  let index = INDEXES.get(graph);
  if (index !== undefined) return index;
  const held = new Map<string, Holding[]>();
  // Each grant through a function of its own (not a closure made per graph): the index is made
  // once per review, and its loop ran unoptimized while a closure's call kept it from being compiled.
  for (const g of graph.grants) addGrant(held, g);
  const add = (key: string, holding: Holding) => addHolding(held, key, holding);
  for (const d of graph.directoryRoles) {
    add(d.principal.key, {
      role: describeDirectoryRole(d),
      scope: describeDirectoryScope(d.scope),
      tierRank: permissionTierRank(d.role.tier),
      scopeRank: scopeLevelRank(d.scope.level),
    });
  }
  for (const p of graph.appPermissions) {
    add(p.principal.key, { role: describeAppPermission(p), scope: p.api.name, tierRank: permissionTierRank(p.tier), scopeRank: 0 });
  }
  const groups = new Map<string, string[]>();
  for (const m of graph.groupMemberships) groups.set(m.member.key, [...(groups.get(m.member.key) ?? []), m.group.key]);
  index = { held, groups };
  INDEXES.set(graph, index);
  return index;
}

function addGrant(held: Map<string, Holding[]>, g: GraphGrant): void {
  addHolding(held, g.principal.key, {
    role: g.role.name,
    scope: shownScope(g.scope),
    tierRank: permissionTierRank(g.role.role?.tier ?? PrivilegeTier.CONTROL_PLANE),
    scopeRank: scopeLevelRank(g.scope.level),
  });
}

function addHolding(held: Map<string, Holding[]>, key: string, holding: Holding): void {
  const list = held.get(key);
  if (list === undefined) held.set(key, [holding]);
  else list.push(holding);
}

/**
 * What a principal holds standing: its Azure grants, Entra directory roles and application
 * permissions, and those of the groups it is a standing member of (one level, as the group's
 * own grants name it). A role that cannot be read is tier 0, the widest. The one answer to
 * "what does this principal hold" for the rules that grade a principal by it (AZA005's stores,
 * AZA032's trusts).
 */
export function holdingsOf(principal: GraphPrincipal, graph: AccessGraph): Holding[] {
  const { held, groups } = indexOf(graph);
  const keys = new Set([principal.key, ...(groups.get(principal.key) ?? [])]);
  return [...keys].flatMap((key) => held.get(key) ?? []);
}

/** The widest of some holdings: the lowest tier, then the widest scope; undefined for none. */
export function widestHolding(holdings: readonly Holding[]): Holding | undefined {
  if (holdings.length === 0) return undefined;
  return holdings.reduce((a, b) => (b.tierRank < a.tierRank || (b.tierRank === a.tierRank && b.scopeRank > a.scopeRank) ? b : a));
}
