import { fixtureText } from './audit-fixtures';
import { ScopeLevel } from '../../../src/model/scope-level';
import { parseApplications } from '../../../src/review/audit/parse-applications';
import { parseEligibilitySchedules } from '../../../src/review/audit/parse-eligibility-schedules';
import { parseManagedIdentities } from '../../../src/review/audit/parse-managed-identities';
import { parseRoleAssignmentList } from '../../../src/review/audit/parse-role-assignments';
import { InputError } from '../../../src/review/reader/input-error';

type Parser = (file: string, text: string) => unknown;

/** The InputError a parser throws for `json` (an object to serialize, or raw text). */
function errorOf(parse: Parser, file: string, json: unknown): InputError {
  try {
    parse(file, typeof json === 'string' ? json : JSON.stringify(json));
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected the parse to throw');
}

const sample = (name: string) => JSON.parse(fixtureText(name));

describe('parseRoleAssignmentList', () => {
  test('a scope that is no Azure scope ID is an InputError with file and place, not an unknown scope read as the widest', () => {
    const json = sample('az-role-assignment-list.json');
    json[1].scope = 'garbage';
    const error = errorOf(parseRoleAssignmentList, 'az.json', json);
    expect([error.file, error.place]).toEqual(['az.json', '/1/scope']);
    expect(error.message).toContain('expected a scope ID');
    expect(error.message).toContain('"garbage"');
    // The samples' own scopes (a subscription, a group, resources) all read.
    expect(parseRoleAssignmentList('az.json', fixtureText('az-role-assignment-list.json')).items.map((i) => i.scopeLevel))
      .toEqual(['subscription', 'resource-group', 'resource', 'resource']);
  });

  test('reads every field the audit uses', () => {
    const { file, items } = parseRoleAssignmentList('az.json', fixtureText('az-role-assignment-list.json'));
    expect(file).toBe('az.json');
    expect(items).toHaveLength(4);
    expect(items[2]).toEqual({
      kind: 'standing',
      file: 'az.json',
      place: '/2',
      id: '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-contoso-app/providers/Microsoft.KeyVault/vaults/kv-contoso-app'
        + '/providers/Microsoft.Authorization/roleAssignments/10000000-aaaa-bbbb-cccc-000000000003',
      principalId: 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb',
      principalType: 'ServicePrincipal',
      principalName: '00001111-aaaa-2222-bbbb-3333cccc4444',
      roleDefinitionId: '/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6',
      roleGuid: '4633458b-17de-408a-b874-0445c86b69e6',
      roleName: 'Key Vault Secrets User',
      scope: '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-contoso-app/providers/Microsoft.KeyVault/vaults/kv-contoso-app',
      scopeLevel: ScopeLevel.RESOURCE,
    });
    expect(items[3].condition).toMatch(/^\(\(!\(ActionMatches/);
  });

  test.each([
    ['text that is not JSON', '[{"id": }', 'line 1, column 9', /^az\.json: line 1, column 9: Unexpected "}" in JSON$/],
    ['an object instead of the array', { value: [] }, undefined, /^az\.json: expected an array \(the output of "az role assignment list --all -o json"\), got an object$/],
    ['an entry that is not an object', [42], '/0', /expected an object \(a role assignment\), got a number/],
    ['a missing principalId', () => { const a = sample('az-role-assignment-list.json'); delete a[1].principalId; return a; }, '/1/principalId', /expected a string, got nothing/],
    ['a principalId that is not an object ID', () => { const a = sample('az-role-assignment-list.json'); a[0].principalId = 'alex'; return a; }, '/0/principalId', /expected an object ID/],
    ['another resource type', () => { const a = sample('az-role-assignment-list.json'); a[3].type = 'Microsoft.Authorization/roleDefinitions'; return a; }, '/3/type', /expected type/],
    ['an id that is no role assignment', () => { const a = sample('az-role-assignment-list.json'); a[0].id = '/subscriptions/x'; return a; }, '/0/id', /expected the ID of a roleAssignments/],
    ['a role definition ID without a GUID', () => { const a = sample('az-role-assignment-list.json'); a[2].roleDefinitionId = 'Reader'; return a; }, '/2/roleDefinitionId', /expected a role definition ID/],
    ['a principalName that is a number', () => { const a = sample('az-role-assignment-list.json'); a[2].principalName = 7; return a; }, '/2/principalName', /expected a string, got a number/],
  ])('%s is an InputError with file and place', (_what, input, place, message) => {
    const error = errorOf(parseRoleAssignmentList, 'az.json', typeof input === 'function' ? input() : input);
    expect(error.file).toBe('az.json');
    if (place !== undefined) expect(error.place).toBe(place);
    expect(error.message).toMatch(message);
  });
});

describe('parseEligibilitySchedules', () => {
  test('reads the schedules, with the expanded principal and role names and a null end', () => {
    const { items } = parseEligibilitySchedules('pim.json', fixtureText('arm-role-eligibility-schedules-list.json'));
    expect(items.map((e) => [e.kind, e.principalType, e.principalName, e.principalDisplayName, e.roleName, e.endDateTime, e.scopeLevel])).toEqual([
      ['eligible', 'User', 'alex.wilber@contoso.com', 'Alex Wilber', 'Owner', '2026-10-01T09:00:00Z', ScopeLevel.SUBSCRIPTION],
      ['eligible', 'Group', undefined, 'Contoso App Operators', 'User Access Administrator', null, ScopeLevel.SUBSCRIPTION],
    ]);
  });

  test('compares type and ID without regard to case', () => {
    const json = sample('arm-role-eligibility-schedules-list.json');
    json.value[0].type = 'microsoft.authorization/roleeligibilityschedules';
    json.value[0].id = json.value[0].id.replace('RoleEligibilitySchedules', 'roleEligibilitySchedules');
    expect(parseEligibilitySchedules('pim.json', JSON.stringify(json)).items).toHaveLength(2);
  });

  test('keeps the nextLink of a paged response', () => {
    const json = { ...sample('arm-role-eligibility-schedules-list.json'), nextLink: 'https://management.azure.com/next' };
    expect(parseEligibilitySchedules('pim.json', JSON.stringify(json)).nextLink).toBe('https://management.azure.com/next');
  });

  test.each([
    ['a number instead of the list', 7, undefined, /expected an object with "value", or an array of items or of such pages \(an ARM roleEligibilitySchedules list\), got a number/],
    ['a role assignment list', () => ({ value: sample('az-role-assignment-list.json') }), '/value/0/type', /expected type "Microsoft\.Authorization\/roleEligibilitySchedules"/],
    ['no properties', () => { const j = sample('arm-role-eligibility-schedules-list.json'); delete j.value[1].properties; return j; }, '/value/1/properties', /expected an object/],
    ['an end that is a number', () => { const j = sample('arm-role-eligibility-schedules-list.json'); j.value[0].properties.endDateTime = 5; return j; },
      '/value/0/properties/endDateTime', /expected a date-time or null/],
    ['an expanded principal that is a string', () => { const j = sample('arm-role-eligibility-schedules-list.json'); j.value[0].properties.expandedProperties.principal = 'x'; return j; },
      '/value/0/properties/expandedProperties/principal', /expected an object/],
  ])('%s is an InputError with file and place', (_what, input, place, message) => {
    const error = errorOf(parseEligibilitySchedules, 'pim.json', typeof input === 'function' ? input() : input);
    expect(error.file).toBe('pim.json');
    expect(error.place).toBe(place);
    expect(error.message).toMatch(message);
  });
});

describe('parseApplications', () => {
  test('reads secrets and certificates with their dates', () => {
    const { items } = parseApplications('apps.json', fixtureText('graph-applications-credentials.json'));
    expect(items).toEqual([{
      file: 'apps.json',
      place: '/value/0',
      id: '44445555-eeee-6666-ffff-7777aaaa8888',
      appId: '22223333-cccc-4444-dddd-5555eeee6666',
      displayName: 'contoso-deploy-pipeline',
      credentials: [
        {
          kind: 'secret',
          place: '/value/0/passwordCredentials/0',
          keyId: '66667777-aaaa-8888-bbbb-9999cccc0000',
          displayName: 'ci-secret-2026',
          startDateTime: '2026-03-30T12:00:00Z',
          endDateTime: '2026-09-30T12:00:00Z',
        },
        {
          kind: 'secret',
          place: '/value/0/passwordCredentials/1',
          keyId: '77778888-bbbb-9999-cccc-0000dddd1111',
          startDateTime: '2024-12-31T23:59:59Z',
          endDateTime: '2025-12-31T23:59:59Z',
        },
        {
          kind: 'certificate',
          place: '/value/0/keyCredentials/0',
          keyId: '55556666-ffff-7777-aaaa-8888bbbb9999',
          displayName: 'CN=contoso-deploy-pipeline',
          startDateTime: '2026-01-15T00:00:00Z',
          endDateTime: '2027-01-15T00:00:00Z',
        },
      ],
    }]);
  });

  test.each([
    ['credentials that are not a list', () => { const j = sample('graph-applications-credentials.json'); j.value[0].passwordCredentials = {}; return j; },
      '/value/0/passwordCredentials', /expected an array/],
    ['a credential without keyId', () => { const j = sample('graph-applications-credentials.json'); delete j.value[0].keyCredentials[0].keyId; return j; },
      '/value/0/keyCredentials/0/keyId', /expected a string/],
    ['an appId that is not a GUID', () => { const j = sample('graph-applications-credentials.json'); j.value[0].appId = 'pipeline'; return j; },
      '/value/0/appId', /expected an object ID/],
  ])('%s is an InputError with file and place', (_what, input, place, message) => {
    const error = errorOf(parseApplications, 'apps.json', input());
    expect(error.file).toBe('apps.json');
    expect(error.place).toBe(place);
    expect(error.message).toMatch(message);
  });
});

describe('parseManagedIdentities', () => {
  test('tells user-assigned from system-assigned and keeps the resource ID', () => {
    const { items } = parseManagedIdentities('mi.json', fixtureText('graph-serviceprincipals-managedidentity.json'));
    expect(items.map((i) => [i.displayName, i.assignment, i.resourceId?.split('/').pop()])).toEqual([
      ['id-contoso-app', 'user-assigned', 'id-contoso-app'],
      ['app-contoso-web', 'system-assigned', 'app-contoso-web'],
    ]);
  });

  test('passes over service principals of other types, so an unfiltered export works', () => {
    const json = sample('graph-serviceprincipals-managedidentity.json');
    json.value[1].servicePrincipalType = 'Application';
    expect(parseManagedIdentities('mi.json', JSON.stringify(json)).items.map((i) => i.displayName)).toEqual(['id-contoso-app']);
  });

  test('alternative names that are not strings are an InputError with file and place', () => {
    const json = sample('graph-serviceprincipals-managedidentity.json');
    json.value[1].alternativeNames = [true];
    const error = errorOf(parseManagedIdentities, 'mi.json', json);
    expect([error.file, error.place]).toEqual(['mi.json', '/value/1/alternativeNames/0']);
    expect(error.message).toBe('mi.json: /value/1/alternativeNames/0: expected a string, got a boolean');
  });
});
