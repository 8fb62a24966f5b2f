import { readFileSync } from 'fs';
import * as path from 'path';
import { parseDelegatedScopes, renderDelegatedScopes } from '../../scripts/role-catalog/render-delegated-scopes';
import { delegatedScopeNameOfId, delegatedScopeTier } from '../../src/roles/delegated-scope-tier';
import { DELEGATED_SCOPE_RECORDS, DELEGATED_SCOPE_SOURCE } from '../../src/roles/delegated-scopes.generated';
import { GraphPermissionCatalog } from '../../src/roles/graph-permission-catalog';
import { PrivilegeTier } from '../../src/roles/privilege-tier';

const ROOT = path.resolve(__dirname, '../..');
const DATA = 'data/graph-delegated-scopes.json';
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('the reviewed delegated scope table', () => {
  test('the committed module is exactly what the generator makes of the data', () => {
    const files = renderDelegatedScopes({ file: DATA, text: read(DATA) });
    expect(files.map((f) => f.path)).toEqual(['src/roles/delegated-scopes.generated.ts']);
    for (const file of files) expect({ path: file.path, content: read(file.path) }).toEqual(file);
    expect(DELEGATED_SCOPE_SOURCE).toEqual({ file: DATA, version: '2026-12-06', scopes: DELEGATED_SCOPE_RECORDS.length });
  });

  test('names the OpenID Connect scopes and User.Read by the IDs the Microsoft Graph permissions reference gives, each tier 2 with its reason', () => {
    expect(DELEGATED_SCOPE_RECORDS.map((r) => [r.name, r.id, r.tier])).toEqual([
      ['openid', '37f7f235-527c-4136-accd-4a02d197296e', 2],
      ['profile', '14dad69e-099b-42c9-810b-d002981feec1', 2],
      ['email', '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0', 2],
      ['offline_access', '7427e0e9-2fba-42fe-b0c0-848c9e6a8182', 2],
      ['User.Read', 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', 2],
    ]);
    for (const record of DELEGATED_SCOPE_RECORDS) expect(record.why).toMatch(/\S/);
  });

  test('no scope ID is an application permission\'s app role ID, and no reviewed name is an application permission\'s', () => {
    const catalog = GraphPermissionCatalog.builtIn();
    for (const record of DELEGATED_SCOPE_RECORDS) {
      expect([record.name, catalog.tryFromAppRoleId(record.id)]).toEqual([record.name, undefined]);
      expect([record.name, catalog.tryFromName(record.name)]).toEqual([record.name, undefined]);
    }
  });

  test('the generator refuses a table it cannot trust, naming the place', () => {
    const data = JSON.parse(read(DATA)) as { scopes: Record<string, unknown>[] };
    const bad = (change: (d: typeof data) => unknown) => () => parseDelegatedScopes('t.json', JSON.stringify(change(JSON.parse(JSON.stringify(data)))));
    const [first] = data.scopes;
    expect(() => parseDelegatedScopes('t.json', 'not json')).toThrow(/^t\.json: not JSON/);
    expect(bad((d) => ({ ...d, api: 'aaaaaaaa-0000-4000-8000-000000000001' }))).toThrow('t.json: api: only Microsoft Graph\'s scopes');
    expect(bad((d) => ({ ...d, scopes: [first, { ...first, id: 'cccccccc-0000-4000-8000-00000000000c' }] }))).toThrow('t.json: scopes[1].name: "openid" repeats');
    expect(bad((d) => ({ ...d, scopes: [first, { ...first, name: 'OpenId2' }] }))).toThrow('t.json: scopes[1].id: 37f7f235-527c-4136-accd-4a02d197296e repeats');
    expect(bad((d) => ({ ...d, scopes: [{ ...first, id: 'openid' }] }))).toThrow('t.json: scopes[0].id: expected the scope\'s GUID, got "openid"');
    expect(bad((d) => ({ ...d, scopes: [{ ...first, tier: 3 }] }))).toThrow('t.json: scopes[0].tier: expected 0, 1 or 2 (or no tier), got 3');
    expect(bad((d) => ({ ...d, scopes: [{ ...first, why: undefined }] }))).toThrow('t.json: scopes[0].why: a reviewed tier needs its reason');
    expect(bad((d) => ({ ...d, scopes: [{ ...first, sources: ['a-blog'] }] }))).toThrow('t.json: scopes[0].sources[0]: "a-blog" is not one of the table\'s sources');
    expect(bad((d) => ({ ...d, scopes: [{ ...first, sources: [] }] }))).toThrow('t.json: scopes[0].sources: expected at least one source');
  });
});

describe('delegated scopes are named by ID and tiered', () => {
  test('an ID of the table gives its name, in any case; an ID it does not list gives none', () => {
    expect(delegatedScopeNameOfId('37F7F235-527C-4136-ACCD-4A02D197296E')).toBe('openid');
    expect(delegatedScopeNameOfId('cccccccc-0000-4000-8000-00000000000c')).toBeUndefined();
  });

  test('a reviewed scope has its tier; another takes its application permission\'s; one with neither counts as tier 0', () => {
    expect(delegatedScopeTier('offline_access')).toEqual({ tier: PrivilegeTier.USER_ACCESS, classified: true });
    const directory = delegatedScopeTier('Directory.ReadWrite.All');
    expect([directory.tier, directory.classified, directory.permission?.name]).toEqual([PrivilegeTier.CONTROL_PLANE, true, 'Directory.ReadWrite.All']);
    expect(delegatedScopeTier('Tasks.Read')).toEqual({ tier: PrivilegeTier.CONTROL_PLANE, classified: false });
  });
});
