/**
 * What a Terraform expression is worth to the review. Known values are plain JSON values. A
 * reference to a resource or data source stays a reference (`Reference`), so that the graph can
 * still tell a scope level or a principal kind from the referenced type. Anything else that
 * cannot be known without a provider or a state is `Unknown`, with the expression it came from:
 * the rules count it as the widest, and messages name it.
 */
export class Unknown {
  constructor(public readonly source: string) {}
}

/** `azurerm_user_assigned_identity.api["a"].principal_id`, `module.net.azurerm_subnet.s.id`. */
export class Reference {
  constructor(public readonly path: string) {}
}

export type Value = null | string | number | boolean | Value[] | { [key: string]: Value } | Unknown | Reference;

export function isKnown(value: Value): value is null | string | number | boolean | Value[] | { [key: string]: Value } {
  return !(value instanceof Unknown) && !(value instanceof Reference);
}

/** Whether a value, and everything inside it, is known. */
export function isWhollyKnown(value: Value): boolean {
  if (value instanceof Unknown || value instanceof Reference) return false;
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  if (value !== null && typeof value === 'object') return Object.values(value).every(isWhollyKnown);
  return true;
}

export function isObject(value: Value): value is { [key: string]: Value } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && isKnown(value);
}
