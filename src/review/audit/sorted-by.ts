/**
 * A stable sort by a text key (UTF-16 order, as `<` compares), the key worked out once per
 * item: a sort that builds its keys in the comparison builds them n log n times.
 */
export function sortedBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return items.map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => compareText(a.key, b.key))
    .map((entry) => entry.item);
}

/** UTF-16 order, as `<` compares: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
