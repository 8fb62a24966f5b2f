import * as fs from 'fs';
import * as path from 'path';
import { calendarDateProblem, checkCalendarDate, dayOf, daysBetween, isCalendarDate, parseDateTime } from '../../src/model/dates';
import { directoryScopeLevel } from '../../src/model/directory-scope';
import { isGuid, roleGuidAtEndOf, roleGuidOf } from '../../src/model/guid';
import { metadataOverridePath, MetadataField, readLibraryMetadata } from '../../src/model/metadata';
import { PrincipalKind } from '../../src/model/principal-kind';
import { isRuleId, RuleId } from '../../src/model/rule-id';
import { ScopeLevel } from '../../src/model/scope-level';
import { principalFactsOf, scopeFactsOf, whyNotAScope } from '../../src/model/terraform-types';
import { scopeLevelOfValue } from '../../src/review/reference';

const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const SUB = '11111111-2222-3333-4444-555555555555';

describe('dates: one parser for config, guard, PIM, audit and the command', () => {
  test.each(['2027-02-30', '2027-13-01', '2026-04-31', '27/11/2026', '2027-1-1', ''])('%s is not a day', (value) => {
    expect(isCalendarDate(value)).toBe(false);
    expect(() => checkCalendarDate('until', value)).toThrow(/^until ".*" (is not written YYYY-MM-DD|has (day|month) \d+.*); expected a real day/);
  });

  test('real days, leap years included', () => {
    expect(['2028-02-29', '2000-02-29', '2026-12-31'].filter(isCalendarDate)).toHaveLength(3);
    expect(calendarDateProblem('2100-02-29')).toBe('has day 29, which 2100-02 does not have');
    expect(calendarDateProblem(20270101)).toBe('is not a string');
  });

  test('RFC 3339 instants need seconds and an offset, and real days', () => {
    expect(parseDateTime('2025-07-01T10:00:00+02:00')).toBe(Date.UTC(2025, 6, 1, 8));
    expect(parseDateTime('2025-07-01T08:00:00.1234567Z')).toBe(Date.UTC(2025, 6, 1, 8));
    expect(parseDateTime('2025-02-30T08:00:00Z')).toBe('has day 30, which 2025-02 does not have');
    expect(parseDateTime('2025-07-01T08:00Z')).toBe('is not an ISO 8601 date-time');
  });

  test('the day of an export\'s date-time, in UTC, with or without an offset', () => {
    expect(dayOf('2026-09-30T23:30:00-02:00')).toBe('2026-10-01');
    expect(dayOf('2026-09-30T12:00:00')).toBe('2026-09-30');
    expect(dayOf('2026-09-30')).toBe('2026-09-30');
    expect(dayOf('soon')).toBeUndefined();
    expect(daysBetween('2026-11-30', '2027-03-01')).toBe(91);
    expect(daysBetween('2026-11-30', '2026-11-01')).toBe(-29);
  });
});

describe('GUIDs and role definition IDs', () => {
  test.each([
    [READER.toUpperCase(), READER],
    [`/providers/Microsoft.Authorization/roleDefinitions/${READER}`, READER],
    [`/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${READER}`, READER],
    [`/providers/Microsoft.Management/managementGroups/mg-platform/providers/Microsoft.Authorization/roleDefinitions/${READER}`, READER],
    ['/subscriptions/not-a-guid/providers/Microsoft.Authorization/roleDefinitions/' + READER, undefined],
    ['Reader', undefined],
  ])('roleGuidOf(%s)', (value, guid) => {
    expect(roleGuidOf(value)).toBe(guid);
  });

  test('an expression that ends in a role definition ID', () => {
    expect(roleGuidAtEndOf(`\${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/${READER}`)).toBe(READER);
    expect(roleGuidAtEndOf('${var.role}')).toBeUndefined();
    expect(isGuid(SUB)).toBe(true);
    expect(isGuid(`${SUB}0`)).toBe(false);
  });
});

describe('the metadata contract', () => {
  test('reads what constructs write, and ignores malformed entries', () => {
    expect(metadataOverridePath(MetadataField.SUPPRESSIONS)).toBe('//.cdktf-azure-access.suppressions');
    const body = {
      '//': {
        'metadata': { path: 'app/Api/Grant' },
        'cdktf-azure-access': {
          suppressions: [{ ruleId: 'AZA001', reason: 'inventory' }, { ruleId: 'AZA005' }, 'junk', { ruleId: 'AZA005', reason: 'migration', until: '2027-01-31' }],
          principal: { kind: 'group', name: 'auditors' },
          permanentEligibility: { reason: 'break glass' },
        },
      },
    };
    expect(readLibraryMetadata(body)).toEqual({
      suppressions: [{ ruleId: 'AZA001', reason: 'inventory' }, { ruleId: 'AZA005', reason: 'migration', until: '2027-01-31' }],
      principal: { kind: 'group', name: 'auditors' },
      permanentEligibility: { reason: 'break glass' },
      constructPath: 'app/Api/Grant',
    });
    expect(readLibraryMetadata({ '//': 'a comment' })).toEqual({ suppressions: [] });
  });
});

describe('rule IDs', () => {
  test('only published IDs are rule IDs', () => {
    expect(Object.values(RuleId).every(isRuleId)).toBe(true);
    expect(['AZA999', 'AZA000', 'aza001', 'AZ1'].some(isRuleId)).toBe(false);
  });
});

describe('the Terraform-type table: one source for Scope.of, the reader and audit', () => {
  test('scope facts', () => {
    expect(scopeFactsOf('azurerm_resource_group', false)).toEqual({ level: ScopeLevel.RESOURCE_GROUP, armIdAttribute: 'id' });
    expect(scopeFactsOf('azurerm_subscription', false)).toEqual({ level: ScopeLevel.SUBSCRIPTION, armIdAttribute: 'subscription_id', armIdPrefix: '/subscriptions/' });
    expect(scopeFactsOf('azurerm_subscription', true)).toEqual({ level: ScopeLevel.SUBSCRIPTION, armIdAttribute: 'id' });
    expect(scopeFactsOf('azurerm_key_vault_secret', false)).toEqual({ level: ScopeLevel.RESOURCE, armIdAttribute: 'resource_versionless_id' });
    expect(scopeFactsOf('azurerm_client_config', true)).toBeUndefined();
    expect(scopeFactsOf('azuread_group', false)).toBeUndefined();
  });

  test('the reader reads scope references with the same table', () => {
    expect(scopeLevelOfValue('${azurerm_resource_group.rg.id}')).toBe(ScopeLevel.RESOURCE_GROUP);
    expect(scopeLevelOfValue('${data.azurerm_subscription.current.id}')).toBe(ScopeLevel.SUBSCRIPTION);
    // A secret's `id` is a data-plane URL: no scope Azure would accept, so unknown (the widest).
    expect(scopeLevelOfValue('${azurerm_key_vault_secret.db.id}')).toBe(ScopeLevel.UNKNOWN);
    expect(scopeLevelOfValue('${azurerm_key_vault_secret.db.resource_versionless_id}')).toBe(ScopeLevel.RESOURCE);
    expect(scopeLevelOfValue('${azurerm_subscription.sub.subscription_id}')).toBe(ScopeLevel.UNKNOWN);
    // A container's `id` is its ARM ID when declared with storage_account_id, a URL with storage_account_name.
    const declared = (body: Record<string, unknown>) => () => body;
    expect(scopeLevelOfValue('${azurerm_storage_container.c.id}', declared({ storage_account_id: '${azurerm_storage_account.a.id}' }))).toBe(ScopeLevel.RESOURCE);
    expect(scopeLevelOfValue('${azurerm_storage_container.c.id}', declared({ storage_account_name: 'stordering' }))).toBe(ScopeLevel.UNKNOWN);
    expect(scopeLevelOfValue('${azurerm_storage_container.c.resource_manager_id}', declared({ storage_account_name: 'stordering' }))).toBe(ScopeLevel.RESOURCE);
    expect(scopeLevelOfValue('/subscriptions/${azurerm_subscription.sub.subscription_id}')).toBe(ScopeLevel.SUBSCRIPTION);
  });

  test('types whose id is no single ARM ID are no scope; a type whose id is its group\'s is that group', () => {
    // From the import IDs of the provider's docs: a URL, or two IDs joined by `|`.
    for (const type of ['azurerm_app_configuration_key', 'azurerm_key_vault_certificate_issuer', 'azurerm_storage_table_entity',
      'azurerm_monitor_diagnostic_setting', 'azurerm_pim_eligible_role_assignment', 'azurerm_network_interface_security_group_association']) {
      expect([type, scopeFactsOf(type, false), whyNotAScope(type)]).toEqual([type, undefined, expect.stringMatching(/^has (a data-plane URL|an id made of two IDs)/)]);
    }
    expect(scopeFactsOf('azurerm_eventgrid_partner_configuration', false)).toEqual({ level: ScopeLevel.RESOURCE_GROUP, armIdAttribute: 'id' });
    expect(scopeLevelOfValue('${azurerm_monitor_diagnostic_setting.logs.id}')).toBe(ScopeLevel.UNKNOWN);
    expect(scopeLevelOfValue('${azurerm_eventgrid_partner_configuration.p.id}')).toBe(ScopeLevel.RESOURCE_GROUP);
  });

  test('every type the table names is a type of the azurerm provider', () => {
    const lib = path.join(__dirname, '..', '..', 'node_modules', '@cdktf', 'provider-azurerm', 'lib');
    const types = new Set(fs.readdirSync(lib).map((dir) => `azurerm_${dir.replace(/^data-azurerm-/, '').replace(/-/g, '_')}`));
    const source = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'model', 'terraform-types.ts'), 'utf8');
    const named = [...new Set([...source.matchAll(/'(azurerm_[a-z0-9_]+)'/g)].map((m) => m[1]))];
    expect(named.length).toBeGreaterThan(40);
    expect(named.filter((t) => !types.has(t))).toEqual([]);
  });

  test('an azapi block\'s ID has the level of the ARM type it names', () => {
    const levelOf = (type: unknown, attribute = 'id', block = 'azapi_resource') =>
      scopeLevelOfValue(`\${${block}.x.${attribute}}`, () => ({ type }));
    expect(levelOf('Microsoft.KeyVault/vaults@2023-07-01')).toBe(ScopeLevel.RESOURCE);
    expect(levelOf('Microsoft.KeyVault/vaults@2023-07-01', 'output.id')).toBe(ScopeLevel.RESOURCE);
    expect(levelOf('Microsoft.Authorization/locks@${var.v}')).toBe(ScopeLevel.RESOURCE);
    expect(levelOf('Microsoft.Resources/resourceGroups@2021-04-01')).toBe(ScopeLevel.RESOURCE_GROUP);
    expect(levelOf('Microsoft.Management/managementGroups@2021-04-01', 'id', 'azapi_update_resource')).toBe(ScopeLevel.MANAGEMENT_GROUP);
    expect(levelOf('Microsoft.Resources/subscriptions@2022-12-01', 'id', 'data.azapi_resource')).toBe(ScopeLevel.SUBSCRIPTION);
    expect(levelOf('Microsoft.Resources/resourceGroups@2021-04-01', 'id', 'data.azapi_resource_id')).toBe(ScopeLevel.RESOURCE_GROUP);
    // A type that cannot be read, or an attribute that is no ID, is unknown.
    expect(levelOf('${var.type}')).toBe(ScopeLevel.UNKNOWN);
    expect(levelOf(undefined)).toBe(ScopeLevel.UNKNOWN);
    expect(levelOf('Microsoft.KeyVault/vaults@2023-07-01', 'output.properties.vaultUri')).toBe(ScopeLevel.UNKNOWN);
    expect(levelOf('Microsoft.KeyVault/vaults@2023-07-01', 'output.id', 'data.azapi_resource_id')).toBe(ScopeLevel.UNKNOWN);
  });

  test('principal facts', () => {
    expect(principalFactsOf('azuread_group')).toEqual({ kind: PrincipalKind.GROUP, objectIdAttributes: ['object_id', 'id'] });
    expect(principalFactsOf('azurerm_user_assigned_identity')?.kind).toBe(PrincipalKind.MANAGED_IDENTITY);
    expect(principalFactsOf('azurerm_key_vault')).toBeUndefined();
  });

  test('directory scopes rank against ScopeLevel', () => {
    expect(['/', `/administrativeUnits/${SUB}`, `/${SUB}`, '${var.scope}', '/administrativeUnits/x'].map(directoryScopeLevel)).toEqual([
      ScopeLevel.ROOT, ScopeLevel.RESOURCE_GROUP, ScopeLevel.RESOURCE, ScopeLevel.UNKNOWN, ScopeLevel.UNKNOWN,
    ]);
  });
});
