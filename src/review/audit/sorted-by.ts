/**
 * A stable sort by a text key (UTF-16 order, as `<` compares), the key worked out once per
 * item: a sort that builds its keys in the comparison builds them n log n times.
 */
export function sortedBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return items.map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.item);
}
