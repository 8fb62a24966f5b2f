import type { BlockInstances, EvaluationScope } from './evaluate-expression';
import { knownInstanceKeys } from './instance-set';
import { Reference, Value } from './value';
import { setOwn } from '../../../model/own-keys';

/**
 * A resource or data source named whole (`azurerm_user_assigned_identity.id`, no instance key), as
 * Terraform values it at plan time: with `count`, a list of its instances; with `for_each`, an
 * object of its instances by key; each instance a reference (`azurerm_user_assigned_identity.id["a"]`).
 * So `for_each = azurerm_user_assigned_identity.id` and `{ for k, v in data.azuread_user.u : k => v.object_id }`
 * make one instance per identity or user, each naming its own, as the plan does; before, the whole
 * was one unknown reference, the instances "repeated an unknown number of times" with one unknown
 * principal between them.
 *
 * A block with count or for_each whose instances are not known before apply is reviewed as one
 * block that stands for all of them (instance-set.ts): it is `repeated`, and any instance of it is
 * that block. A block without count or for_each, and one whose count or for_each reads itself
 * (Terraform refuses the cycle), stay the reference they were (undefined).
 */
export function blockInstances(
  bodyOf: (address: string) => Record<string, unknown> | undefined,
  scope: () => EvaluationScope,
  evaluateWritten: (written: unknown, scope: EvaluationScope) => Value,
): (address: string) => BlockInstances | undefined {
  const known = new Map<string, BlockInstances | undefined>();
  const busy = new Set<string>();
  return (address) => {
    if (known.has(address)) return known.get(address);
    const body = bodyOf(address);
    if (body === undefined || busy.has(address)) return undefined;
    busy.add(address);
    let instances: BlockInstances | undefined;
    try {
      const current = scope();
      const keys = knownInstanceKeys(body, (written) => evaluateWritten(written, current));
      const named = `${current.modulePrefix}${address}`;
      if (keys?.kind === 'counted') {
        instances = { instances: Array.from({ length: keys.count }, (_, index) => new Reference(`${named}[${index}]`)) };
      } else if (keys?.kind === 'keyed') {
        const byKey: Record<string, Value> = {};
        for (const key of keys.keys) setOwn(byKey, key, new Reference(`${named}[${JSON.stringify(key)}]`));
        instances = { instances: byKey };
      } else if (Object.hasOwn(body, 'count') || Object.hasOwn(body, 'for_each')) {
        instances = { repeated: true };
      }
    } finally {
      busy.delete(address);
    }
    known.set(address, instances);
    return instances;
  };
}
