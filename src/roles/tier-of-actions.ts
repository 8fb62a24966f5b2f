import { widestLevel } from './privilege-tier';
import { effectiveActions, effectiveDataActions } from './role-classification';
import { RolePermission } from './role-permission';

/**
 * How a role's tier is computed, in one place for the generator (built-in roles, Entra roles)
 * and for custom Azure roles at run time: the widest tier among its actions, where an action the
 * classification does not list counts as tier 0 (unknown is the wider case, never the safe one),
 * and a role with no classified action at all is tier 0 too.
 */

export interface ActionTiers {
  /** 0, 1 or 2. */
  readonly level: number;
  /** The actions that have no classification, which made the role tier 0 on their own. */
  readonly unclassified: string[];
}

/** The tier level of a list of actions, looked up (already in the table's key form) in `levelOf`. */
export function tierOfActions(
  keys: readonly string[],
  levelOf: (key: string) => number | undefined,
  extraLevels: readonly number[] = [],
): ActionTiers {
  const unclassified = keys.filter((k) => levelOf(k) === undefined);
  const level = widestLevel([...keys.map((k) => levelOf(k) ?? 0), ...extraLevels]);
  return { level, unclassified: [...new Set(unclassified)].sort() };
}

/**
 * The keys of an Azure role's operations in the action table: `a:` for control-plane actions and
 * `d:` for data actions, lower-cased (ARM operation names are case-insensitive). notActions that
 * remove an action entirely are applied first.
 */
export function azureActionKeys(permissions: readonly RolePermission[]): string[] {
  return [
    ...effectiveActions(permissions).map((a) => `a:${a.toLowerCase()}`),
    ...effectiveDataActions(permissions).map((a) => `d:${a.toLowerCase()}`),
  ];
}
