import { DeclaredAccess, normalizeScope } from './declared-access';
import { LiveAssignment } from './live-types';
import { PrincipalDirectory } from './principal-directory';

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
 * How a declared grant matches a live one, if it does. Exact: the same object ID, role GUID and
 * scope ID (ignoring case). Otherwise best effort, for values known only after apply: the same
 * role and scope level, the scope's last name segment equal to the name of the referenced
 * resource (any subscription, when the code means the provider's own), and a principal name
 * the exports give the live principal (az's principalName, a Graph display name).
 */
export function matchOf(declared: DeclaredAccess, live: LiveAssignment, directory: PrincipalDirectory): AuditMatch['how'] | undefined {
  if (declared.notComparable !== undefined || declared.kind !== live.kind || declared.roleGuid !== live.roleGuid) return undefined;
  const principal = declared.principalId !== undefined
    ? declared.principalId === live.principalId
    : directory.namesOf(live.principalId).includes(declared.principalName!);
  const scope = declared.scopeId !== undefined
    ? declared.scopeId === normalizeScope(live.scope)
    : live.scopeLevel === declared.scopeLevel && (declared.scopeName === undefined || lastSegment(live.scope) === declared.scopeName);
  if (!principal || !scope) return undefined;
  return declared.principalId !== undefined && declared.scopeId !== undefined ? 'exact' : 'semantic';
}

/**
 * Pairs declared and live grants one to one: every exact match first, then best-effort ones,
 * each in a fixed order (declared by file and address, live by ID), so results never depend on export order.
 */
export function matchDeclared(declared: DeclaredAccess[], live: LiveAssignment[], directory: PrincipalDirectory): Matching {
  const byOrigin = (d: DeclaredAccess) => `${d.origin.file}\u0000${d.origin.address}`;
  const pendingDeclared = declared.filter((d) => d.notComparable === undefined).sort((a, b) => compare(byOrigin(a), byOrigin(b)));
  const pendingLive = [...live].sort((a, b) => compare(a.id.toLowerCase(), b.id.toLowerCase()));
  const matches: AuditMatch[] = [];
  for (const pass of ['exact', 'semantic'] as const) {
    for (const d of [...pendingDeclared]) {
      const index = pendingLive.findIndex((l) => matchOf(d, l, directory) === pass);
      if (index === -1) continue;
      const [l] = pendingLive.splice(index, 1);
      pendingDeclared.splice(pendingDeclared.indexOf(d), 1);
      matches.push({ file: d.origin.file, address: d.origin.address, liveId: l.id, how: pass });
    }
  }
  matches.sort((a, b) => compare(`${a.file}\u0000${a.address}`, `${b.file}\u0000${b.address}`));
  return { matches, unmatchedLive: pendingLive, missing: pendingDeclared };
}

function lastSegment(scope: string): string {
  const segments = scope.split('/').filter((s) => s !== '');
  return (segments[segments.length - 1] ?? '').toLowerCase();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
