import { scopeLevelRank } from '../../model/scope-level';
import { AccessGraph } from '../../review/graph/access-graph';
import { GraphPrincipal } from '../../review/graph/graph-types';
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

/**
 * What a principal holds standing: its Azure grants, Entra directory roles and application
 * permissions, and those of the groups it is a standing member of (one level, as the group's
 * own grants name it). A role that cannot be read is tier 0, the widest. The one answer to
 * "what does this principal hold" for the rules that grade a principal by it (AZA005's stores,
 * AZA032's trusts).
 */
export function holdingsOf(principal: GraphPrincipal, graph: AccessGraph): Holding[] {
  const keys = new Set([principal.key, ...graph.groupMemberships.filter((m) => m.member.key === principal.key).map((m) => m.group.key)]);
  return [
    ...graph.grants.filter((g) => keys.has(g.principal.key)).map((g) => ({
      role: g.role.name,
      scope: g.scope.name ?? g.scope.value,
      tierRank: permissionTierRank(g.role.role?.tier ?? PrivilegeTier.CONTROL_PLANE),
      scopeRank: scopeLevelRank(g.scope.level),
    })),
    ...graph.directoryRoles.filter((d) => keys.has(d.principal.key)).map((d) => ({
      role: describeDirectoryRole(d),
      scope: describeDirectoryScope(d.scope),
      tierRank: permissionTierRank(d.role.tier),
      scopeRank: scopeLevelRank(d.scope.level),
    })),
    ...graph.appPermissions.filter((p) => keys.has(p.principal.key)).map((p) => ({
      role: describeAppPermission(p), scope: p.api.name, tierRank: permissionTierRank(p.tier), scopeRank: 0,
    })),
  ];
}

/** The widest of some holdings: the lowest tier, then the widest scope; undefined for none. */
export function widestHolding(holdings: readonly Holding[]): Holding | undefined {
  if (holdings.length === 0) return undefined;
  return holdings.reduce((a, b) => (b.tierRank < a.tierRank || (b.tierRank === a.tierRank && b.scopeRank > a.scopeRank) ? b : a));
}
