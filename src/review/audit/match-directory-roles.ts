import { DeclaredDirectoryRole } from './declared-directory-roles';
import { LiveDirectoryRole } from './live-types';
import { AuditMatch } from './match-declared';
import { PrincipalDirectory } from './principal-directory';
import { sortedBy } from './sorted-by';

export interface DirectoryRoleMatching {
  readonly matches: AuditMatch[];
  readonly unmatchedLive: LiveDirectoryRole[];
  /** Declared directory roles that could be compared and were not found. */
  readonly missing: DeclaredDirectoryRole[];
}

/**
 * Pairs declared and live directory roles one to one, as `matchDeclared` pairs Azure grants: of
 * the same kind, role template ID and directory scope (`/`, `/administrativeUnits/<id>`,
 * `/<object id>`, without regard to case), and the same principal: the same object ID (`exact`),
 * or, when the code names the principal instead, a live principal the exports give that name
 * (`semantic`). Exact matches are made first; declared ones go by file and address and each takes
 * the first free live one by ID, so results never depend on export order.
 */
export function matchDirectoryRoles(
  declared: readonly DeclaredDirectoryRole[], live: readonly LiveDirectoryRole[], directory: PrincipalDirectory,
): DirectoryRoleMatching {
  const pending = sortedBy(declared.filter((d) => d.notComparable === undefined), (d) => `${d.origin.file}\u0000${d.origin.address}`);
  const ranked = sortedBy(live, (l) => `${l.kind}\u0000${l.id.toLowerCase()}`);
  const byKey = new Map<string, LiveDirectoryRole[]>();
  for (const l of ranked) {
    const key = keyOf(l.kind, l.roleDefinitionId, l.principalId, liveScopeOf(l));
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [l]);
    else list.push(l);
  }
  const taken = new Set<LiveDirectoryRole>();
  const take = (d: DeclaredDirectoryRole, principalId: string): LiveDirectoryRole | undefined =>
    byKey.get(keyOf(d.kind, d.roleTemplateId!, principalId, d.directoryScopeId!))?.find((l) => !taken.has(l));
  const found = new Set<DeclaredDirectoryRole>();
  const matches: AuditMatch[] = [];
  for (const pass of ['exact', 'semantic'] as const) {
    for (const d of pending) {
      if ((d.principalId !== undefined ? 'exact' : 'semantic') !== pass) continue;
      const candidates = d.principalId !== undefined ? [d.principalId] : directory.principalsNamed(d.principalName!).sort();
      const l = candidates.map((id) => take(d, id)).find((x) => x !== undefined);
      if (l === undefined) continue;
      taken.add(l);
      found.add(d);
      matches.push({ file: d.origin.file, address: d.origin.address, liveId: l.id, how: pass });
    }
  }
  return {
    matches: sortedBy(matches, (m) => `${m.file}\u0000${m.address}`),
    unmatchedLive: ranked.filter((l) => !taken.has(l)),
    missing: pending.filter((d) => !found.has(d)),
  };
}

/** A live role scoped to an app alone answers to no directory scope the code can write. */
function liveScopeOf(live: LiveDirectoryRole): string {
  return live.directoryScopeId === undefined ? `\u0000app:${live.appScopeId}` : live.directoryScopeId.toLowerCase();
}

// Kind, template ID and object ID hold no NUL; the scope comes last, so no two keys are the same text.
function keyOf(kind: string, roleTemplateId: string, principalId: string, scope: string): string {
  return `${kind}\u0000${roleTemplateId}\u0000${principalId}\u0000${scope}`;
}
