import type * as Generated from './entra-action-tiers.generated';
import { PrivilegeTier, tierOfLevel } from './privilege-tier';
import { tierOfActions } from './tier-of-actions';

/**
 * The classification of every Entra role action, loaded when a custom directory role is first
 * judged: it is large, and most programs never need it.
 */
function entraActionTiers(): Record<string, number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./entra-action-tiers.generated') as typeof Generated).ENTRA_ACTION_TIERS;
}

/** The tier of a set of Entra role actions, and the actions the classification does not list. */
export interface EntraActionsTier {
  readonly tier: PrivilegeTier;
  /** Actions entraops does not classify, as written: each made the set tier 0 on its own. */
  readonly unclassified: string[];
}

/**
 * The tier of a custom directory role's `allowed_resource_actions`, computed as the built-in
 * roles' tiers are (tier-of-actions.ts): the widest tier among them, an unclassified action
 * counting as tier 0, and no action at all as tier 0 too.
 */
export function tierOfEntraActions(actions: readonly string[]): EntraActionsTier {
  const table = entraActionTiers();
  const { level, unclassified } = tierOfActions(actions.map((a) => a.toLowerCase()), (key) => (Object.hasOwn(table, key) ? table[key] : undefined));
  // Named as written, as the built-in roles' unclassified actions are.
  return { tier: tierOfLevel(level), unclassified: [...new Set(actions.filter((a) => unclassified.includes(a.toLowerCase())))].sort() };
}
