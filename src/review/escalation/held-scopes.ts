import { ScopeLevel, scopeLevelRank } from '../../model/scope-level';
import { GraphPlacement } from '../graph/graph-types';

/**
 * The scopes one principal holds roles at, indexed so that "is this scope inside one of them"
 * costs the same for a principal with one grant as for one with thousands.
 */
export class HeldScopes {
  private widestRank = -1;
  // Most principals hold a grant or two: one group is a field, a set is made for the second.
  private group?: string;
  private groups?: Set<string>;
  private resource?: { readonly document: string; readonly scope: GraphPlacement };
  private resources?: Set<string>;
  // Scopes that cannot be read, by their placement: one object per written value in a document.
  private unknown?: Set<GraphPlacement>;

  /** Holds nothing again: a search of each principal in turn reuses one, not one per principal. */
  public clear(): void {
    this.widestRank = -1;
    this.group = undefined;
    // Clearing a set makes its table anew: only a set that holds something is cleared.
    if (this.groups !== undefined && this.groups.size > 0) this.groups.clear();
    this.resource = undefined;
    if (this.resources !== undefined && this.resources.size > 0) this.resources.clear();
    if (this.unknown !== undefined && this.unknown.size > 0) this.unknown.clear();
  }

  /** @param document which document the placement was read from: addresses repeat across documents */
  public add(document: string, scope: GraphPlacement): void {
    // A held scope that cannot be read contains nothing that can be told, but itself: the same
    // value written again (the same reference) is the same scope, as Terraform knows before apply.
    if (scope.level === ScopeLevel.UNKNOWN) {
      (this.unknown ??= new Set()).add(scope);
      return;
    }
    if (scope.level === ScopeLevel.RESOURCE_GROUP) {
      if (scope.group === undefined || scope.group === this.group) return;
      if (this.group === undefined) this.group = scope.group;
      else (this.groups ??= new Set()).add(scope.group);
    } else if (scope.level === ScopeLevel.RESOURCE) {
      if (this.resource === undefined) {
        this.resource = { document, scope };
        return;
      }
      this.resources ??= new Set();
      if (scope.address !== undefined) this.resources.add(`${document}\u0000${scope.address}`);
      if (scope.name !== undefined && scope.group !== undefined) this.resources.add(`${scope.group}/${scope.name}`);
    } else {
      this.widestRank = Math.max(this.widestRank, scopeLevelRank(scope.level));
    }
  }

  /**
   * Whether the scope lies inside one the principal holds. What cannot be told counts as
   * outside: the chain that reaches it is reported, never passed over as safe. A scope that cannot
   * be read lies inside only itself: the placement the document's index made for the same written
   * value (resource-placement.ts caches one per value).
   */
  public contain(document: string, scope: GraphPlacement): boolean {
    if (scope.level === ScopeLevel.UNKNOWN) return this.unknown?.has(scope) ?? false;
    if (this.widestRank >= scopeLevelRank(scope.level)) return true;
    if (scope.level !== ScopeLevel.RESOURCE && scope.level !== ScopeLevel.RESOURCE_GROUP) return false;
    if (scope.group !== undefined && (scope.group === this.group || this.groups?.has(scope.group))) return true;
    if (scope.level === ScopeLevel.RESOURCE_GROUP) return false;
    if (this.resource && sameResource(this.resource.document, this.resource.scope, document, scope)) return true;
    if (!this.resources) return false;
    return (scope.address !== undefined && this.resources.has(`${document}\u0000${scope.address}`))
      || (scope.name !== undefined && scope.group !== undefined && this.resources.has(`${scope.group}/${scope.name}`));
  }
}

/** The same resource: the same address in the same document, or the same name in the same group. */
function sameResource(document: string, held: GraphPlacement, other: string, scope: GraphPlacement): boolean {
  if (held.address !== undefined && document === other && held.address === scope.address) return true;
  return held.name !== undefined && held.group !== undefined && held.name === scope.name && held.group === scope.group;
}
