/**
 * Sets `key` to `value` and returns the value: with `??`, a cache lookup that makes nothing (no
 * closure, no key string) when the entry is already there: `map.get(k) ?? setAndReturn(map, k, make())`.
 */
export function setAndReturn<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.set(key, value);
  return value;
}
