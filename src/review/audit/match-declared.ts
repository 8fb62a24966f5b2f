import { DeclaredAccess, normalizeScope } from './declared-access';
import { LiveAssignment } from './live-types';
import { PrincipalDirectory } from './principal-directory';
import { sortedBy } from './sorted-by';

/** A declared grant found in the tenant, and how surely. */
export interface AuditMatch {
  readonly file: string;
  readonly address: string;
  readonly liveId: string;
  /** `exact`: object ID, role GUID and scope ID; `semantic`: names stood in for what is known only after apply. */
  readonly how: 'exact' | 'semantic';
}

export interface Matching {
  readonly matches: AuditMatch[];
  readonly unmatchedLive: LiveAssignment[];
  /** Declared grants that could be compared and were not found. */
  readonly missing: DeclaredAccess[];
}

/**
 * Pairs declared and live grants one to one. A declared grant matches a live one of the same
 * kind and role GUID when:
 * - principal: the same object ID, or, when the code names the principal instead, a live
 *   principal the exports give that name (az's principalName, a Graph display name);
 * - scope: the same scope ID (ignoring case and a trailing slash), or, when the code names the
 *   scope instead, the same scope level with the last name segment equal to the name of the
 *   referenced resource (any scope of the level, when the code means the provider's own subscription).
 * With object ID and scope ID it is `exact`, else `semantic`. Every exact match is made first,
 * then the semantic ones; within each, declared grants go by file and address and each takes
 * the first free live one by ID, so results never depend on export order.
 *
 * Each declared grant asks for one key and each live one offers the keys it would answer, so a
 * match is a lookup, not a scan: the whole matching is near-linear in the two sides.
 */
export function matchDeclared(declared: DeclaredAccess[], live: LiveAssignment[], directory: PrincipalDirectory): Matching {
  const pendingDeclared = sortedBy(declared.filter((d) => d.notComparable === undefined), (d) => `${d.origin.file}\u0000${d.origin.address}`);
  const ranked = sortedBy(live, (l) => l.id.toLowerCase());
  const index = new LiveIndex(ranked, directory);
  const found = new Set<DeclaredAccess>();
  const matches: AuditMatch[] = [];
  for (const pass of ['exact', 'semantic'] as const) {
    for (const d of pendingDeclared) {
      if (howOf(d) !== pass) continue;
      const l = index.take(d);
      if (l === undefined) continue;
      found.add(d);
      matches.push({ file: d.origin.file, address: d.origin.address, liveId: l.id, how: pass });
    }
  }
  return {
    matches: sortedBy(matches, (m) => `${m.file}\u0000${m.address}`),
    unmatchedLive: index.free(),
    missing: pendingDeclared.filter((d) => !found.has(d)),
  };
}

/** Only a declared grant with the object ID and the scope ID can match exactly; with either named, only by name. */
function howOf(declared: DeclaredAccess): AuditMatch['how'] {
  return declared.principalId !== undefined && declared.scopeId !== undefined ? 'exact' : 'semantic';
}

/**
 * The key a declared grant asks for and a live one answers to: kind and role GUID (neither holds
 * a `/`), the principal, then the scope. Names are length-prefixed and the scope comes last, so
 * no two different keys are the same text, whatever characters the names hold.
 */
function keyOf(kind: string, roleGuid: string, principal: string, scope: string): string {
  return `${kind}/${roleGuid}/${principal}${scope}`;
}

/** A principal by object ID or by a name the exports give it. */
function principalKey(by: 'id' | 'name', value: string): string {
  return `${by}${value.length}:${value}`;
}

/** A scope by its ID, or by level and the last name segment (`undefined`: any name). */
function scopeKey(scope: { id: string } | { level: string; name: string | undefined }): string {
  if ('id' in scope) return `s${scope.id}`;
  return `l${scope.level.length}:${scope.level}${scope.name === undefined ? '*' : `n${scope.name}`}`;
}

function declaredKeyOf(declared: DeclaredAccess): string {
  const scope = declared.scopeId !== undefined
    ? scopeKey({ id: declared.scopeId })
    : scopeKey({ level: declared.scopeLevel, name: declared.scopeName });
  return keyOf(declared.kind, declared.roleGuid!, principalKeyOf(declared), scope);
}

function principalKeyOf(declared: DeclaredAccess): string {
  return declared.principalId !== undefined ? principalKey('id', declared.principalId) : principalKey('name', declared.principalName!);
}

/** The three ways a declared scope can ask for this live one. */
function scopeKeysOf(live: LiveAssignment): string[] {
  return [
    scopeKey({ id: normalizeScope(live.scope) }),
    scopeKey({ level: live.scopeLevel, name: undefined }),
    scopeKey({ level: live.scopeLevel, name: lastSegment(live.scope) }),
  ];
}

/**
 * The live assignments in ID order, by the keys they answer. Keys of a principal are filed when
 * a declared grant first asks for that principal (by ID, or by a name, which may belong to more
 * than one principal), so names nobody asks for cost nothing. A taken assignment stays in its
 * other lists and is passed over there.
 */
class LiveIndex {
  private readonly ranksByPrincipal = new Map<string, number[]>();
  private readonly lists = new Map<string, { readonly ranks: number[]; next: number }>();
  private readonly filed = new Set<string>();
  private readonly taken: Uint8Array;
  private readonly scopeKeysByRank: (string[] | undefined)[] = [];

  constructor(private readonly ranked: readonly LiveAssignment[], private readonly directory: PrincipalDirectory) {
    this.taken = new Uint8Array(ranked.length);
    ranked.forEach((l, rank) => {
      const ranks = this.ranksByPrincipal.get(l.principalId);
      if (ranks === undefined) this.ranksByPrincipal.set(l.principalId, [rank]);
      else ranks.push(rank);
    });
  }

  /** The first free live assignment the declared grant matches, now taken; undefined when none is left. */
  public take(declared: DeclaredAccess): LiveAssignment | undefined {
    this.file(declared);
    const list = this.lists.get(declaredKeyOf(declared));
    if (list === undefined) return undefined;
    while (list.next < list.ranks.length && this.taken[list.ranks[list.next]] === 1) list.next++;
    if (list.next === list.ranks.length) return undefined;
    const rank = list.ranks[list.next++];
    this.taken[rank] = 1;
    return this.ranked[rank];
  }

  /** The live assignments no declared grant took, in ID order. */
  public free(): LiveAssignment[] {
    return this.ranked.filter((_, rank) => this.taken[rank] === 0);
  }

  /** Files the live assignments of the principal the declared grant names, once for each way of naming it. */
  private file(declared: DeclaredAccess): void {
    const principal = principalKeyOf(declared);
    if (this.filed.has(principal)) return;
    this.filed.add(principal);
    const ranks = declared.principalId !== undefined ? this.ranksByPrincipal.get(declared.principalId) ?? []
      : this.directory.principalsNamed(declared.principalName!).flatMap((id) => this.ranksByPrincipal.get(id) ?? []).sort((a, b) => a - b);
    for (const rank of ranks) {
      const l = this.ranked[rank];
      // A live role without a GUID matches no declared one: a declared grant without one is not comparable.
      if (l.roleGuid === undefined) continue;
      for (const scope of this.scopeKeys(rank)) {
        const key = keyOf(l.kind, l.roleGuid, principal, scope);
        const list = this.lists.get(key);
        if (list === undefined) this.lists.set(key, { ranks: [rank], next: 0 });
        else list.ranks.push(rank);
      }
    }
  }

  /** Worked out once for each live assignment, however many names its principal is asked for by. */
  private scopeKeys(rank: number): string[] {
    let keys = this.scopeKeysByRank[rank];
    if (keys === undefined) {
      keys = scopeKeysOf(this.ranked[rank]);
      this.scopeKeysByRank[rank] = keys;
    }
    return keys;
  }
}

/** The last non-empty segment of a scope ID, lower case. */
function lastSegment(scope: string): string {
  const trimmed = scope.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1).toLowerCase();
}
