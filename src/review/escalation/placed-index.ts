import { ScopeLevel, scopeLevelRank } from '../../model/scope-level';
import { GraphPlacement } from '../graph/graph-types';

/** What a scope holds, split by whether the document placed it there or it is assumed to be. */
export interface WithinScope<T> {
  readonly placed: readonly T[];
  /** Items whose resource group cannot be read: they may be in any group, so they count. */
  readonly assumed: readonly T[];
}

const NOTHING: WithinScope<never> = { placed: [], assumed: [] };

/**
 * Items (identity attachments, user-assigned identities) indexed once by where their resource
 * is, so "what is within this scope" is a map lookup, never a scan of every pair.
 */
export class PlacedIndex<T> {
  private readonly byGroup = new Map<string, T[]>();
  // Only a scope that is one resource asks by address: that index is made on the first such ask.
  private byAddress?: Map<string, T[]>;
  private readonly addresses: string[] = [];
  private readonly unplaced: T[] = [];
  private readonly all: T[] = [];

  /** Every item, in the order added. */
  public get items(): readonly T[] {
    return this.all;
  }

  public add(item: T, address: string, group: string | undefined): void {
    this.all.push(item);
    this.addresses.push(address);
    if (this.byAddress) push(this.byAddress, address, item);
    if (group === undefined) this.unplaced.push(item);
    else push(this.byGroup, group, item);
  }

  public within(scope: GraphPlacement): WithinScope<T> {
    if (scope.level === ScopeLevel.UNKNOWN || scopeLevelRank(scope.level) >= scopeLevelRank(ScopeLevel.SUBSCRIPTION)) {
      return { placed: this.all, assumed: [] };
    }
    if (scope.level === ScopeLevel.RESOURCE_GROUP) {
      // A group whose name cannot be read may be any group: the wider case.
      if (scope.group === undefined) return { placed: [], assumed: this.all };
      const placed = this.byGroup.get(scope.group);
      return placed === undefined && this.unplaced.length === 0 ? NOTHING : { placed: placed ?? [], assumed: this.unplaced };
    }
    if (scope.address !== undefined && !this.byAddress) {
      this.byAddress = new Map();
      this.all.forEach((item, i) => push(this.byAddress!, this.addresses[i], item));
    }
    const placed = scope.address === undefined ? undefined : this.byAddress!.get(scope.address);
    return placed === undefined ? NOTHING : { placed, assumed: [] };
  }
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
