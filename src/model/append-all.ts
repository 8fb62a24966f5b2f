/**
 * Appends every item to `target`. `target.push(...items)` passes each item as an argument, and
 * past about a hundred thousand of them (a tenant's export) V8's stack cannot hold the call.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
