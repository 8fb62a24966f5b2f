import { fixtureText, thrownBy } from './fixtures';
import { InputError } from '../../../src/review/reader/input-error';
import { readJsonText } from '../../../src/review/reader/read-inputs';
import { blocksOf } from '../../../src/review/terraform-json';

const SUBSCRIPTION = '/subscriptions/8f6b6f8e-3c1a-4d5e-9f0a-1b2c3d4e5f60';

function readPlan(plan: unknown = JSON.parse(fixtureText('plan.json'))) {
  const [document] = readJsonText('plan.json', JSON.stringify(plan));
  return document;
}

function bodyOf(address: string): Record<string, unknown> | undefined {
  return blocksOf(readPlan().document).find((block) => block.address === address)?.body;
}

describe('a plan read as one document', () => {
  test('holds every planned resource and data source, child modules included', () => {
    const document = readPlan();
    expect(document.format).toBe('plan');
    expect(blocksOf(document.document).map((block) => block.address)).toEqual([
      'azurerm_key_vault.kv',
      'azurerm_role_assignment.api_secrets',
      'azurerm_role_assignment.team_reader[0]',
      'module.app.azurerm_role_assignment.worker_blob',
      'azurerm_user_assigned_identity.api',
      'module.app.azurerm_user_assigned_identity.worker',
      'module.app.azurerm_storage_account.sa',
      'data.azurerm_subscription.current',
    ]);
  });

  test('names a child module resource <module address>.<name> under its type', () => {
    const document = readPlan().document as { resource: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.resource.azurerm_storage_account)).toEqual(['module.app.sa']);
  });

  test('prefers the planned value, and leaves out nulls', () => {
    expect(bodyOf('azurerm_key_vault.kv')).toEqual({
      enable_rbac_authorization: true,
      location: 'eastus',
      name: 'kv-ordering-api',
      resource_group_name: 'rg-ordering',
      sku_name: 'standard',
      tenant_id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    });
    expect(bodyOf('azurerm_role_assignment.team_reader[0]')).toMatchObject({ scope: `${SUBSCRIPTION}/resourceGroups/rg-ordering` });
  });

  test('keeps the configuration reference where the value is known only after apply', () => {
    expect(bodyOf('azurerm_role_assignment.api_secrets')).toEqual({
      principal_id: '${azurerm_user_assigned_identity.api.principal_id}',
      principal_type: 'ServicePrincipal',
      role_definition_name: 'Key Vault Secrets User',
      scope: '${azurerm_key_vault.kv.id}',
      skip_service_principal_aad_check: false,
    });
  });

  test('rewrites references inside a child module to the module\'s addresses', () => {
    expect(bodyOf('module.app.azurerm_role_assignment.worker_blob')).toMatchObject({
      principal_id: '${module.app.azurerm_user_assigned_identity.worker.principal_id}',
      scope: '${module.app.azurerm_storage_account.sa.id}',
    });
    // Module inputs are not resources of the module: left as they are.
    expect(bodyOf('module.app.azurerm_storage_account.sa')).toMatchObject({ resource_group_name: 'rg-ordering' });
  });

  test('lists every resource change, replacements and deletions included', () => {
    const { changes } = readPlan();
    expect(changes?.map((change) => [change.address, change.actions])).toEqual([
      ['azurerm_key_vault.kv', ['create']],
      ['azurerm_role_assignment.api_secrets', ['create']],
      ['azurerm_role_assignment.legacy_owner', ['delete']],
      ['azurerm_role_assignment.team_reader[0]', ['delete', 'create']],
      ['azurerm_user_assigned_identity.api', ['no-op']],
      ['module.app.azurerm_role_assignment.worker_blob', ['create']],
    ]);
    const replacement = changes?.[3];
    expect(replacement?.type).toBe('azurerm_role_assignment');
    expect(replacement?.before).toMatchObject({ scope: SUBSCRIPTION });
    expect(replacement?.after).toMatchObject({ scope: `${SUBSCRIPTION}/resourceGroups/rg-ordering` });
    expect(changes?.[2].after).toBeNull();
  });

  test('reads nested blocks: planned values first, references where the plan does not know', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [{
            address: 'azurerm_linux_function_app.api',
            mode: 'managed',
            type: 'azurerm_linux_function_app',
            name: 'api',
            values: { identity: [{ type: 'UserAssigned', identity_ids: null }], site_config: [{ always_on: true }] },
          }],
        },
      },
      configuration: {
        root_module: {
          resources: [{
            address: 'azurerm_linux_function_app.api',
            mode: 'managed',
            type: 'azurerm_linux_function_app',
            name: 'api',
            expressions: {
              identity: [{
                type: { constant_value: 'UserAssigned' },
                identity_ids: { references: ['azurerm_user_assigned_identity.api.id', 'azurerm_user_assigned_identity.api'] },
              }],
              site_config: [{ always_on: { constant_value: true } }],
              storage_account_access_key: { references: ['azurerm_storage_account.sa.primary_access_key', 'azurerm_storage_account.sa'] },
              app_settings: {},
            },
          }],
        },
      },
    };
    expect(blocksOf(readPlan(plan).document)[0].body).toEqual({
      identity: [{ type: 'UserAssigned', identity_ids: '${azurerm_user_assigned_identity.api.id}' }],
      site_config: [{ always_on: true }],
      storage_account_access_key: '${azurerm_storage_account.sa.primary_access_key}',
    });
  });

  test('reads names and attributes that Object.prototype also has', () => {
    const resource = { mode: 'managed', type: 'azurerm_role_assignment', name: 'constructor' };
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ ...resource, address: 'azurerm_role_assignment.constructor', values: { toString: null } }] } },
      configuration: {
        root_module: { resources: [{ ...resource, address: 'azurerm_role_assignment.constructor', expressions: { toString: { references: ['var.x'] } } }] },
      },
    };
    expect(blocksOf(readPlan(plan).document)).toEqual([
      expect.objectContaining({ address: 'azurerm_role_assignment.constructor', body: { toString: '${var.x}' } }),
    ]);
  });

  test('leaves out ephemeral resources, which are never stored', () => {
    const plan = JSON.parse(fixtureText('plan.json'));
    plan.planned_values.root_module.resources[0].mode = 'ephemeral';
    expect(blocksOf(readPlan(plan).document).map((block) => block.address)).not.toContain('azurerm_key_vault.kv');
  });

  test('reads a plan without configuration or changes', () => {
    const document = readPlan({ format_version: '1.2', planned_values: { root_module: {} } });
    expect(document.document).toEqual({});
    expect(document.changes).toEqual([]);
  });
});

describe('plan errors', () => {
  async function errorOf(mutate: (plan: any) => void): Promise<InputError> {
    const plan = JSON.parse(fixtureText('plan.json'));
    mutate(plan);
    const error = await thrownBy(() => readPlan(plan));
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }

  test.each<[string, (plan: any) => void, string]>([
    ['actions that are not a list', (plan) => { plan.resource_changes[3].change.actions = 'delete,create'; },
      '/resource_changes/3/change/actions: expected an array of strings, got a string'],
    ['an action that is not a string', (plan) => { plan.resource_changes[0].change.actions = ['create', 1]; },
      '/resource_changes/0/change/actions/1: expected a string, got a number'],
    ['an after that is not an object', (plan) => { plan.resource_changes[1].change.after = 'gone'; },
      '/resource_changes/1/change/after: expected an object or null, got a string'],
    ['no planned values', (plan) => { delete plan.planned_values; },
      '/planned_values: expected the planned_values of a plan (from "terraform show -json <planfile>"; a state is not read), got nothing'],
    ['a mode that is not a string', (plan) => { plan.planned_values.root_module.resources[0].mode = 1; },
      '/planned_values/root_module/resources/0/mode: expected a string, got a number'],
    ['an address that is not the resource', (plan) => { plan.planned_values.root_module.resources[0].address = 'azurerm_key_vault.other'; },
      '/planned_values/root_module/resources/0/address: expected the address "azurerm_key_vault.kv", got "azurerm_key_vault.other"'],
    ['a child module that is not a module address', (plan) => { plan.planned_values.root_module.child_modules[0].address = 'app'; },
      '/planned_values/root_module/child_modules/0/address: expected a module address "module.<name>", got "app"'],
    ['references that are not strings', (plan) => {
      plan.configuration.root_module.resources[1].expressions.scope.references = [7];
    }, '/configuration/root_module/resources/1/expressions/scope/references/0: expected a string, got a number'],
    ['an expression that is a number', (plan) => { plan.configuration.root_module.resources[1].expressions.scope = 7; },
      '/configuration/root_module/resources/1/expressions/scope: expected an expression or nested blocks, got a number'],
    ['module calls that are a list', (plan) => { plan.configuration.root_module.module_calls = []; },
      '/configuration/root_module/module_calls: expected an object, got an empty array'],
    ['a format_version that is a number', (plan) => { plan.format_version = 1.2; }, '/format_version: expected a string, got a number'],
  ])('says where: %s', async (_, mutate, expected) => {
    expect((await errorOf(mutate)).message).toBe(`plan.json: ${expected}`);
  });
});
