/**
 * How much of Azure a scope covers, narrowest first:
 * RESOURCE < RESOURCE_GROUP < SUBSCRIPTION < MANAGEMENT_GROUP < ROOT.
 * UNKNOWN is a scope this library could not read (a token with no resource behind it); every
 * check treats it as wider than ROOT, never as safe.
 */
export enum ScopeLevel {
  /** One resource, or a child of one (a Key Vault secret, a storage container). */
  RESOURCE = 'resource',
  /** A resource group: every resource in it, present and future. */
  RESOURCE_GROUP = 'resource-group',
  /** A subscription: a wide scope, where a standing grant needs a written reason. */
  SUBSCRIPTION = 'subscription',
  /** A management group: every subscription under it. */
  MANAGEMENT_GROUP = 'management-group',
  /** `/`, the whole tenant's Azure estate. */
  ROOT = 'root',
  /** A scope that cannot be read before apply: judged as wider than ROOT. */
  UNKNOWN = 'unknown',
}

const RANK: Record<ScopeLevel, number> = {
  [ScopeLevel.RESOURCE]: 0,
  [ScopeLevel.RESOURCE_GROUP]: 1,
  [ScopeLevel.SUBSCRIPTION]: 2,
  [ScopeLevel.MANAGEMENT_GROUP]: 3,
  [ScopeLevel.ROOT]: 4,
  [ScopeLevel.UNKNOWN]: 5,
};

/** 0 for RESOURCE up to 4 for ROOT, and 5 for UNKNOWN (treated as the widest). */
export function scopeLevelRank(level: ScopeLevel): number {
  return RANK[level];
}

/** Subscription, management group, root or unknown: a standing grant there needs a written reason. */
export function isWideScope(level: ScopeLevel): boolean {
  return scopeLevelRank(level) >= scopeLevelRank(ScopeLevel.SUBSCRIPTION);
}
