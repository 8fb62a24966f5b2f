/**
 * Objects keyed by input: resource types, names and attributes come from files anyone can write,
 * and `constructor`, `toString` or `__proto__` are valid names there. Read and write them as own
 * properties only, so a name never reaches Object.prototype or reads one of its members.
 */

/** The object's own value at `key`, or undefined. */
export function ownValue<T>(object: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Sets `key` as an own, enumerable property, `__proto__` included. */
export function setOwn<T>(object: Record<string, T>, key: string, value: T): void {
  // Assignment makes an own property for every key but `__proto__`, whose setter replaces the
  // prototype; defineProperty for all keys would turn large objects into slow dictionaries.
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}
