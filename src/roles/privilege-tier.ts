/**
 * The Enterprise Access Model tier of a permission, a role or an action, as the entraops
 * classification (data/entraops/, MIT licence) gives it. Tier 0 is what can take over the tenant
 * or the Azure estate; the rules and the report treat it as the most severe.
 */
export enum PrivilegeTier {
  /** Tier 0: can take over the tenant or the Azure estate (EAM "ControlPlane"). */
  CONTROL_PLANE = 'ControlPlane',
  /** Tier 1: can manage workloads and their data (EAM "ManagementPlane"). */
  MANAGEMENT_PLANE = 'ManagementPlane',
  /** Tier 2: what users and workloads do day to day (EAM "UserAccess"). */
  USER_ACCESS = 'UserAccess',
}

const BY_LEVEL = [PrivilegeTier.CONTROL_PLANE, PrivilegeTier.MANAGEMENT_PLANE, PrivilegeTier.USER_ACCESS];

/** 0, 1 or 2: the number the EAM gives the tier (lower is wider). */
export function tierLevel(tier: PrivilegeTier): number {
  return BY_LEVEL.indexOf(tier);
}

/** The tier of an EAM level; anything that is not 0, 1 or 2 is unknown, and unknown counts as tier 0. */
export function tierOfLevel(level: number): PrivilegeTier {
  return BY_LEVEL[level] ?? PrivilegeTier.CONTROL_PLANE;
}

/**
 * The widest (lowest-numbered) of some levels, as a level. Nothing to go by is unknown, and
 * unknown counts as the widest: a role that lists no classified action is tier 0.
 */
export function widestLevel(levels: Iterable<number>): number {
  let widest: number | undefined;
  for (const level of levels) {
    const known = level === 0 || level === 1 || level === 2 ? level : 0;
    widest = widest === undefined ? known : Math.min(widest, known);
  }
  return widest ?? 0;
}
