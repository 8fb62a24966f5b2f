import { SUB } from './audit-fixtures';
import { ScopeLevel } from '../../../src/model/scope-level';
import { DeclaredAccess, normalizeScope } from '../../../src/review/audit/declared-access';
import { LiveAssignment, LiveExports } from '../../../src/review/audit/live-types';
import { AuditMatch, matchDeclared, Matching } from '../../../src/review/audit/match-declared';
import { PrincipalDirectory } from '../../../src/review/audit/principal-directory';

const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const ALICE = 'aaaaaaaa-0000-4000-8000-000000000001';
const BOB = 'bbbbbbbb-0000-4000-8000-000000000002';
const RG_A = `/subscriptions/${SUB}/resourceGroups/rg-a`;
const RG_B = `/subscriptions/${SUB}/resourceGroups/rg-b`;

function live(id: string, fields: Partial<LiveAssignment> = {}): LiveAssignment {
  const scope = fields.scope ?? RG_A;
  return {
    kind: 'standing',
    file: 'live.json',
    place: '/0',
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${id}`,
    principalId: ALICE,
    roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${fields.roleGuid ?? READER}`,
    roleGuid: READER,
    scope,
    scopeLevel: ScopeLevel.RESOURCE_GROUP,
    ...fields,
  };
}

function declared(address: string, fields: Partial<DeclaredAccess> = {}): DeclaredAccess {
  return {
    kind: 'standing',
    origin: { file: 'main.tf', address: `azurerm_role_assignment.${address}`, suppressions: [] },
    description: address,
    principalId: ALICE,
    roleGuid: READER,
    scopeId: normalizeScope(RG_A),
    scopeLevel: ScopeLevel.RESOURCE_GROUP,
    ...fields,
  };
}

function directoryOf(assignments: LiveAssignment[]): PrincipalDirectory {
  return new PrincipalDirectory({ assignments: { file: 'live.json', items: assignments } });
}

function match(d: DeclaredAccess[], l: LiveAssignment[]): Matching {
  return matchDeclared(d, l, directoryOf(l));
}

const pairs = (m: Matching) => m.matches.map((x) => [x.address.replace('azurerm_role_assignment.', ''), x.liveId.split('/').pop(), x.how]);

describe('matching declared grants to live assignments, one to one', () => {
  test('the same scope, role and principal twice in the tenant: the first by ID is matched, the other is unmanaged', () => {
    // az lists them in any order; the lower ID (ignoring case) is the one matched.
    const result = match([declared('reader')], [live('B2'), live('a1', { scope: RG_A.toUpperCase() })]);
    expect(pairs(result)).toEqual([['reader', 'a1', 'exact']]);
    expect(result.unmatchedLive.map((l) => l.id.split('/').pop())).toEqual(['B2']);
    expect(result.missing).toEqual([]);
  });

  test('the same grant declared twice, held once: the first by file and address is matched, the other is missing', () => {
    const result = match([declared('second'), declared('first')], [live('a1')]);
    expect(pairs(result)).toEqual([['first', 'a1', 'exact']]);
    expect(result.missing.map((d) => d.description)).toEqual(['second']);
    expect(result.unmatchedLive).toEqual([]);
  });

  test('scope IDs are compared without case or a trailing slash; object IDs as the parsers write them, lower case', () => {
    const result = match([declared('reader', { scopeId: normalizeScope(`${RG_A.toUpperCase()}/`) })], [live('a1', { scope: `${RG_A}/` })]);
    expect(pairs(result)).toEqual([['reader', 'a1', 'exact']]);
    // The parsers lower-case object IDs; an ID in another case is another principal here.
    const upper = match([declared('reader')], [live('a1', { principalId: ALICE.toUpperCase() })]);
    expect([upper.matches, upper.missing.length, upper.unmatchedLive.length]).toEqual([[], 1, 1]);
  });

  test('one live assignment that two declared grants match goes to the exact one, even when the other sorts first', () => {
    const l = live('a1', { principalName: 'uai-api' });
    const byName = declared('a_by_name', { principalId: undefined, principalName: 'uai-api' });
    const byId = declared('z_by_id');
    const result = match([byName, byId], [l]);
    expect(pairs(result)).toEqual([['z_by_id', 'a1', 'exact']]);
    expect(result.missing).toEqual([byName]);
  });

  test('a by-name match takes the first free one by ID among every principal of that name', () => {
    const assignments = [
      live('c3', { principalId: BOB, principalName: 'ops' }),
      live('b2', { principalId: ALICE, principalName: 'ops', scope: RG_B }),
      live('a1', { principalId: ALICE, principalName: 'ops' }),
    ];
    const byName = (address: string) => declared(address, { principalId: undefined, principalName: 'ops' });
    const result = match([byName('one'), byName('two'), declared('alice_exact')], assignments);
    // alice_exact (exact) takes a1 first; then the named ones take c3 (Bob) and none: b2 is at another scope.
    expect(pairs(result)).toEqual([['alice_exact', 'a1', 'exact'], ['one', 'c3', 'semantic']]);
    expect(result.missing.map((d) => d.description)).toEqual(['two']);
    expect(result.unmatchedLive.map((l) => l.id.split('/').pop())).toEqual(['b2']);
  });

  test('a live assignment taken under one key is not taken again under another', () => {
    const l = live('a1', { principalName: 'uai-api' });
    const anyGroup = declared('any_group', { scopeId: undefined, scopeName: undefined });
    const namedGroup = declared('named_group', { scopeId: undefined, scopeName: 'rg-a' });
    const result = match([anyGroup, namedGroup], [l]);
    expect(pairs(result)).toEqual([['any_group', 'a1', 'semantic']]);
    expect(result.missing).toEqual([namedGroup]);
  });

  test('kind and role must agree; what cannot be compared never matches', () => {
    const result = match(
      [declared('owner', { roleGuid: OWNER }), declared('eligible', { kind: 'eligible' }), declared('unknown', { notComparable: 'its role cannot be read' })],
      [live('a1')],
    );
    expect(result.matches).toEqual([]);
    expect(result.missing.map((d) => d.description)).toEqual(['eligible', 'owner']);
    expect(result.unmatchedLive).toHaveLength(1);
  });

  test('names hold any character: a name and a scope never run together into another name and scope', () => {
    // Written one after the other, name "as/x/" and scope ID "/y" read as name "a" and scope ID "/x/s/y".
    const l = live('a1', { principalName: 'as/x/', scope: '/y', scopeLevel: ScopeLevel.UNKNOWN });
    const askFor = (address: string, name: string, scopeId: string) => declared(address, { principalId: undefined, principalName: name, scopeId });
    const result = match([askFor('a_files_it', 'as/x/', '/z'), askFor('b_other', 'a', '/x/s/y')], [l]);
    expect(result.matches).toEqual([]);
    expect(result.missing).toHaveLength(2);
    expect(match([askFor('c_same', 'as/x/', '/y')], [l]).matches).toHaveLength(1);
  });
});

/**
 * The rule as the audit first wrote it, one scan per declared grant: every exact match first,
 * then the semantic ones, declared by file and address, each taking the first free live one by
 * ID. Quadratic, so only for small inputs; the index must give the same answer on every one.
 */
function scanMatch(declaredAccess: DeclaredAccess[], liveAssignments: LiveAssignment[], directory: PrincipalDirectory): Matching {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const lastSegment = (scope: string) => (scope.split('/').filter((s) => s !== '').pop() ?? '').toLowerCase();
  const matchOf = (d: DeclaredAccess, l: LiveAssignment): AuditMatch['how'] | undefined => {
    if (d.notComparable !== undefined || d.kind !== l.kind || d.roleGuid !== l.roleGuid) return undefined;
    const principal = d.principalId !== undefined
      ? d.principalId === l.principalId
      : directory.principalsNamed(d.principalName!).includes(l.principalId);
    const scope = d.scopeId !== undefined ? d.scopeId === normalizeScope(l.scope)
      : l.scopeLevel === d.scopeLevel && (d.scopeName === undefined || lastSegment(l.scope) === d.scopeName);
    if (!principal || !scope) return undefined;
    return d.principalId !== undefined && d.scopeId !== undefined ? 'exact' : 'semantic';
  };
  const byOrigin = (d: DeclaredAccess) => `${d.origin.file}\u0000${d.origin.address}`;
  const pendingDeclared = declaredAccess.filter((d) => d.notComparable === undefined).sort((a, b) => compare(byOrigin(a), byOrigin(b)));
  const pendingLive = [...liveAssignments].sort((a, b) => compare(a.id.toLowerCase(), b.id.toLowerCase()));
  const matches: AuditMatch[] = [];
  for (const pass of ['exact', 'semantic'] as const) {
    for (const d of [...pendingDeclared]) {
      const index = pendingLive.findIndex((l) => matchOf(d, l) === pass);
      if (index === -1) continue;
      const [l] = pendingLive.splice(index, 1);
      pendingDeclared.splice(pendingDeclared.indexOf(d), 1);
      matches.push({ file: d.origin.file, address: d.origin.address, liveId: l.id, how: pass });
    }
  }
  matches.sort((a, b) => compare(`${a.file}\u0000${a.address}`, `${b.file}\u0000${b.address}`));
  return { matches, unmatchedLive: pendingLive, missing: pendingDeclared };
}

/** A small deterministic generator, so a failing case can be run again from its number. */
function random(seed: number): (n: number) => number {
  // Park-Miller: exact in doubles, no bit operations.
  let state = seed;
  return (n) => {
    state = (state * 48271) % 2147483647;
    return Math.floor(state / 128) % n;
  };
}

/**
 * A tenant and code drawn from a handful of principals, names, roles and scopes, so that nearly
 * everything collides: principals sharing names, one grant held twice, IDs that differ in case,
 * scopes in another case or with a trailing slash, grants named by ID and by name at once.
 */
function collidingCase(seed: number): { declared: DeclaredAccess[]; live: LiveAssignment[]; exports: LiveExports } {
  const pick = random(seed);
  const principals = [ALICE, BOB, 'cccccccc-0000-4000-8000-000000000003'];
  const names = ['ops', 'uai-api', 'Ops', 'api'];
  const roles = [READER, OWNER];
  const scopes = [RG_A, RG_B, `${RG_A}/providers/Microsoft.KeyVault/vaults/rg-a`, `/subscriptions/${SUB}`];
  const levelOf = (scope: string) => (scope.includes('/providers/') ? ScopeLevel.RESOURCE
    : scope.includes('resourceGroups') ? ScopeLevel.RESOURCE_GROUP : ScopeLevel.SUBSCRIPTION);
  const variant = (scope: string) => [scope, scope.toUpperCase(), `${scope}/`][pick(3)];
  const liveCount = pick(16);
  const assignments: LiveAssignment[] = Array.from({ length: liveCount }, (_, i) => {
    const scope = variant(scopes[pick(scopes.length)]);
    const name = pick(3) === 0 ? undefined : names[pick(names.length)];
    const id = `${['a', 'B', 'c', 'D'][pick(4)]}${i}`;
    return live(id, {
      kind: pick(8) === 0 ? 'eligible' : 'standing',
      principalId: principals[pick(principals.length)],
      ...(name === undefined ? {} : { principalName: name }),
      roleGuid: roles[pick(roles.length)],
      scope,
      scopeLevel: levelOf(scope),
    });
  });
  const declaredCount = pick(16);
  const declaredAccess = Array.from({ length: declaredCount }, (_, i) => {
    const scope = scopes[pick(scopes.length)];
    const byName = pick(2) === 0;
    const scopeByName = pick(2) === 0;
    const scopeName = pick(3) === 0 ? undefined : scope.split('/').pop()!.toLowerCase();
    return declared(`g${pick(6)}_${i}`, {
      kind: pick(8) === 0 ? 'eligible' : 'standing',
      ...(byName
        ? { principalId: undefined, principalName: names[pick(names.length)].toLowerCase() }
        : { principalId: principals[pick(principals.length)] }),
      roleGuid: roles[pick(roles.length)],
      ...(scopeByName ? { scopeId: undefined, scopeName } : { scopeId: normalizeScope(variant(scope)) }),
      scopeLevel: levelOf(scope),
      ...(pick(10) === 0 ? { notComparable: 'its principal is known only after apply' } : {}),
    });
  });
  return { declared: declaredAccess, live: assignments, exports: { assignments: { file: 'live.json', items: assignments } } };
}

describe('the index gives what one scan per declared grant gave', () => {
  test('on 2,000 inputs where nearly everything collides', () => {
    let matched = 0;
    let semantic = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const input = collidingCase(seed);
      const directory = new PrincipalDirectory(input.exports);
      const indexed = matchDeclared(input.declared, input.live, directory);
      const scanned = scanMatch(input.declared, input.live, directory);
      expect({ seed, ...indexed }).toEqual({ seed, ...scanned });
      matched += indexed.matches.length;
      semantic += indexed.matches.filter((m) => m.how === 'semantic').length;
    }
    // The cases do collide: many matches of both kinds, not 2,000 empty answers.
    expect(matched).toBeGreaterThan(2000);
    expect(semantic).toBeGreaterThan(1000);
    expect(matched - semantic).toBeGreaterThan(500);
  });
});
