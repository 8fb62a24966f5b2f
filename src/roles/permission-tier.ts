import { PrivilegeTier, tierLevel } from './privilege-tier';

/**
 * The grade of an app role or scope that an application of the tenant defines for itself
 * (`Orders.Read` of the team's own API): no directory privilege by itself, whatever its name
 * says. What it allows is that application's business, so it stands apart from tiers 0 to 2.
 * Only an API the review can see is no Microsoft first-party API gets it: Microsoft's own APIs
 * are graded by the catalog, and an API that cannot be told counts as tier 0.
 */
export const APPLICATION_DEFINED: 'ApplicationDefined' = 'ApplicationDefined';

/**
 * What holding a permission of an API (an app role or a delegated scope) gives, as the review
 * grades it: an Enterprise Access Model tier, or `APPLICATION_DEFINED`. Rules that grade by
 * tier compare with `PrivilegeTier.CONTROL_PLANE`, which application-defined never is.
 */
export type PermissionTier = PrivilegeTier | typeof APPLICATION_DEFINED;

/** 0, 1 or 2 for the tiers, 3 for application-defined: lower is wider, as with `tierLevel`. */
export function permissionTierRank(tier: PermissionTier): number {
  return tier === APPLICATION_DEFINED ? 3 : tierLevel(tier);
}

/** The widest of some grades; none to go by counts as tier 0 (unknown is the widest). */
export function widestPermissionTier(tiers: Iterable<PermissionTier>): PermissionTier {
  let widest: PermissionTier | undefined;
  for (const tier of tiers) widest = widest === undefined || permissionTierRank(tier) < permissionTierRank(widest) ? tier : widest;
  return widest ?? PrivilegeTier.CONTROL_PLANE;
}

/** `tier 0` or `application-defined`: the grade in a sentence. */
export function tierName(tier: PermissionTier): string {
  return tier === APPLICATION_DEFINED ? 'application-defined' : `tier ${tierLevel(tier)}`;
}

/** `tier 0 (ControlPlane)`, or `application-defined (no directory privilege)`: the grade where tiers are listed. */
export function tierLabel(tier: PermissionTier): string {
  return tier === APPLICATION_DEFINED ? 'application-defined (no directory privilege)' : `tier ${tierLevel(tier)} (${tier})`;
}
