/**
 * A max-heap of items whose priority only ever goes down, kept without decrease-key: each entry
 * holds the priority it was pushed with, and `popBest` pushes a stale entry back with its
 * current priority instead of returning it. The entry returned is the true best, because no
 * other item's current priority is above the priority it was pushed with.
 *
 * Root-cause grouping picks the best edge thousands of times while removing chains lowers what
 * the others count; scanning every edge each time was quadratic (5,000 root causes × 25,000
 * edges took 1.5 s of the escalation benchmark).
 */
export class StaleMaxHeap {
  private readonly items: number[] = [];
  private readonly pushedWith: number[] = [];

  /**
   * @param ranking `priority`: an item's current priority, 0 or less takes it out for good;
   * `before`: whether `a` goes before `b` at equal priority (a total order: ties are decided).
   */
  constructor(private readonly ranking: HeapRanking) {}

  /** All of `items` at once, in linear time (pushing them one by one takes n log n comparisons). */
  public pushAll(items: Iterable<number>): void {
    for (const item of items) {
      const value = this.ranking.priority(item);
      if (value <= 0) continue;
      this.items.push(item);
      this.pushedWith.push(value);
    }
    for (let i = Math.floor(this.items.length / 2) - 1; i >= 0; i--) this.down(i);
  }

  public push(item: number): void {
    const value = this.ranking.priority(item);
    if (value <= 0) return;
    this.items.push(item);
    this.pushedWith.push(value);
    this.up(this.items.length - 1);
  }

  /** The item of highest current priority, taken out, or -1 when none has any left. */
  public popBest(): number {
    while (this.items.length > 0) {
      const item = this.items[0];
      const pushed = this.pushedWith[0];
      this.removeTop();
      const now = this.ranking.priority(item);
      if (now === pushed) return item;
      this.push(item);
    }
    return -1;
  }

  private higher(i: number, j: number): boolean {
    const a = this.pushedWith[i];
    const b = this.pushedWith[j];
    return a !== b ? a > b : this.ranking.before(this.items[i], this.items[j]);
  }

  private removeTop(): void {
    const lastItem = this.items.pop()!;
    const lastValue = this.pushedWith.pop()!;
    if (this.items.length === 0) return;
    this.items[0] = lastItem;
    this.pushedWith[0] = lastValue;
    this.down(0);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = Math.floor((i - 1) / 2);
      if (!this.higher(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const length = this.items.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < length && this.higher(left, top)) top = left;
      if (right < length && this.higher(right, top)) top = right;
      if (top === i) return;
      this.swap(i, top);
      i = top;
    }
  }

  private swap(i: number, j: number): void {
    const { items, pushedWith } = this;
    const item = items[i];
    items[i] = items[j];
    items[j] = item;
    const value = pushedWith[i];
    pushedWith[i] = pushedWith[j];
    pushedWith[j] = value;
  }
}

/**
 * What orders a heap's items: an object whose methods the heap calls, so that one kind of ranking
 * (a class) keeps the heap's code optimized across heaps, as closures made per heap did not.
 */
export interface HeapRanking {
  /** An item's current priority; 0 or less takes it out for good. */
  priority(item: number): number;
  /** Whether `a` goes before `b` at equal priority (a total order: ties are decided). */
  before(a: number, b: number): boolean;
}
