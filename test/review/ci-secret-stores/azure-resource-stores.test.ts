import { DEPLOY_APPLICATION, DEPLOY_PASSWORD, readerIdentity, readerPrincipal, roleAssignment } from './store-fixtures';
import { reachOfGraph } from '../../../src/review/escalation/reach';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { buildReport } from '../../../src/review/report/access-report';
import { hclJson, ruleFindings, SUB } from '../../policy/rule-fixtures';

/**
 * A client secret kept in an Azure resource other than a vault: a web or function app's app
 * setting or connection string, an App Configuration key value, an Automation credential or
 * encrypted variable. Whoever can read it there (the operation each kind is read by) signs in as
 * the secret's principal; the report names them, AZA005 says it, reach follows it.
 */

const RG = `/subscriptions/${SUB}/resourceGroups/rg-app`;
const SECRET = 'azuread_application_password.deploy.value';


/** deploy holds Owner at the subscription (wider than any reader's scope); `keeping` keeps its secret; `readers` are granted. */
function configuration(keeping: string, readers: string): string {
  return DEPLOY_APPLICATION + DEPLOY_PASSWORD + roleAssignment('deploy_owner', 'Owner', `"/subscriptions/${SUB}"`) + keeping + readers;
}

const WEB_APP = `
resource "azurerm_linux_web_app" "orders" {
  name                = "app-orders"
  resource_group_name = "rg-app"
  location            = "eastus"
  service_plan_id     = "/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Web/serverFarms/plan"
  site_config {}
  app_settings = {
    AZURE_CLIENT_ID     = azuread_application_registration.deploy.client_id
    AZURE_CLIENT_SECRET = ${SECRET}
    LOG_LEVEL           = "info"
  }
  connection_string {
    name  = "Graph"
    type  = "Custom"
    value = "ClientSecret=\${${SECRET}}"
  }
}
`;

async function graphOf(hcl: string): Promise<AccessGraph> {
  return AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(hcl) }]);
}

/** The grants with their scopes, sorted: every grant of a test stack is asserted with its scope. */
function grantsOf(graph: AccessGraph): string[][] {
  return graph.grants.map((g) => [g.principal.name, g.role.name, g.scope.name ?? g.scope.value]).sort();
}

/**
 * The chains of the store's direct readers (their own grant, then the read) that end in holding
 * the secret principal's grant, as `principal: step → step`; readers through another identity
 * first (a Contributor that runs as a reader) are chains of their own.
 */
function storedChains(graph: AccessGraph): string[] {
  return reachOfGraph(graph).chains.filter((c) => c.steps[1]?.store !== undefined && c.steps.length === 3)
    .map((c) => `${c.principal.name}: ${c.steps.map((s) => s.description).join(' → ')}`);
}

describe('a web app\'s app settings and connection strings', () => {
  const readers = readerIdentity('web') + roleAssignment('web_contributor', 'Website Contributor', `"${RG}"`, readerPrincipal('web'))
    + readerIdentity('look') + roleAssignment('look_reader', 'Reader', `"${RG}"`, readerPrincipal('look'));

  test('each setting that keeps the secret is a store, named by its key; whoever lists the app\'s settings reads it', async () => {
    const graph = await graphOf(configuration(WEB_APP, readers));
    expect(grantsOf(graph)).toEqual([
      ['deploy', 'Owner', SUB],
      ['uai-look', 'Reader', 'rg-app'],
      ['uai-web', 'Website Contributor', 'rg-app'],
    ]);
    const [credential] = buildReport(graph).credentials;
    // deploy's Owner at the subscription lists the settings too (it reads its own secret, which gives it nothing).
    const readersNamed = ['application deploy', 'managed identity uai-web'];
    expect(credential.stores?.map((s) => [s.store, s.keptIn, s.readers, s.address])).toEqual([
      ['app setting AZURE_CLIENT_SECRET of app app-orders', 'app-orders', readersNamed, 'azurerm_linux_web_app.orders'],
      ['app setting Graph of app app-orders', 'app-orders', readersNamed, 'azurerm_linux_web_app.orders'],
    ]);
    // Reader holds no config/list: it reads nothing there.
    expect(storedChains(graph)).toEqual([
      'uai-web: holds "Website Contributor" at rg-app → reads app setting AZURE_CLIENT_SECRET of app app-orders, a client secret of deploy, '
      + `and signs in as deploy (Microsoft.Web/sites/config/list/action) → deploy holds "Owner" at subscription ${SUB}`,
    ]);
    const [finding] = await ruleFindings(configuration(WEB_APP, readers), 'AZA005');
    expect(finding.message).toContain('Kept in 2 places: app setting AZURE_CLIENT_SECRET of app app-orders (whoever can list the app\'s settings (application deploy, managed identity uai-web))');
    // The app's two settings are one edge (its block): said once, by the first setting reach passes.
    expect(finding.message.match(/escalation path/g)).toHaveLength(1);
    expect(finding.message).toContain('app setting AZURE_CLIENT_SECRET of app app-orders (a client secret of application deploy) opens 2 escalation paths, '
      + `up to tier 0: "Owner" at subscription ${SUB}, "Reader" at rg-app.`);
    expect(finding.fix).toContain('Run the workload that reads it');
    expect(await ruleFindings(configuration(WEB_APP, readers), 'AZA013')).toEqual([]);
  });

  test('a setting of anything else keeps nothing: no store, no chain', async () => {
    const plain = WEB_APP.replace(`AZURE_CLIENT_SECRET = ${SECRET}`, 'AZURE_CLIENT_SECRET = var.secret').replace(`ClientSecret=\${${SECRET}}`, 'ClientSecret=none');
    const graph = await graphOf(configuration(plain, readers));
    expect(graph.credentialStores).toEqual([]);
    expect(grantsOf(graph)).toHaveLength(3);
    expect(storedChains(graph)).toEqual([]);
  });

  test('a slot\'s settings are read by listing the slot\'s configuration, where the slot\'s app is', async () => {
    const slot = `
resource "azurerm_linux_web_app_slot" "staging" {
  name           = "staging"
  app_service_id = "/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Web/sites/app-orders"
  site_config {}
  app_settings = { AZURE_CLIENT_SECRET = ${SECRET} }
}
`;
    const graph = await graphOf(configuration(slot, readers));
    expect(grantsOf(graph)).toHaveLength(3);
    expect(graph.credentialStores.map((s) => [s.kind, s.name, s.keptIn, s.placement?.group])).toEqual([['app-setting', 'AZURE_CLIENT_SECRET', 'staging', 'rg-app']]);
    expect(storedChains(graph)).toEqual([
      'uai-web: holds "Website Contributor" at rg-app → reads app setting AZURE_CLIENT_SECRET of app staging, a client secret of deploy, '
      + `and signs in as deploy (Microsoft.Web/sites/slots/config/list/action) → deploy holds "Owner" at subscription ${SUB}`,
    ]);
  });
});

test('a grant on the app a slot belongs to reads the slot\'s settings', async () => {
  const slot = `${WEB_APP}
resource "azurerm_linux_web_app_slot" "staging" {
  name           = "staging"
  app_service_id = azurerm_linux_web_app.orders.id
  site_config {}
  app_settings = { AZURE_CLIENT_SECRET = ${SECRET} }
}
`;
  const readers = readerIdentity('site') + roleAssignment('site', 'Website Contributor', 'azurerm_linux_web_app.orders.id', readerPrincipal('site'));
  const graph = await graphOf(configuration(slot, readers));
  expect(grantsOf(graph)).toEqual([['deploy', 'Owner', SUB], ['uai-site', 'Website Contributor', 'app-orders']]);
  const stores = buildReport(graph).credentials[0].stores!;
  // deploy's Owner at the subscription lists every app's settings; uai-site's grant on the app reaches its slot too.
  expect(stores.map((s) => [s.store, [...s.readers!].sort()])).toEqual([
    ['app setting AZURE_CLIENT_SECRET of app app-orders', ['application deploy', 'managed identity uai-site']],
    ['app setting Graph of app app-orders', ['application deploy', 'managed identity uai-site']],
    ['app setting AZURE_CLIENT_SECRET of app staging', ['application deploy', 'managed identity uai-site']],
  ]);
});

describe('App Configuration key values', () => {
  const STORE = (localAuth: string) => `
resource "azurerm_app_configuration" "cfg" {
  name                = "appcs-orders"
  resource_group_name = "rg-app"
  location            = "eastus"
  ${localAuth}
}
resource "azurerm_app_configuration_key" "secret" {
  configuration_store_id = azurerm_app_configuration.cfg.id
  key                    = "deploy:client-secret"
  value                  = ${SECRET}
}
`;
  const readers = readerIdentity('data') + roleAssignment('data_reader', 'App Configuration Data Reader', 'azurerm_app_configuration.cfg.id', readerPrincipal('data'))
    + readerIdentity('keys') + roleAssignment('keys_contributor', 'Contributor', `"${RG}"`, readerPrincipal('keys'));

  test('a data reader reads the key values; a Contributor lists the access keys while local authentication is on', async () => {
    const graph = await graphOf(configuration(STORE(''), readers));
    expect(grantsOf(graph)).toEqual([
      ['deploy', 'Owner', SUB],
      ['uai-data', 'App Configuration Data Reader', 'appcs-orders'],
      ['uai-keys', 'Contributor', 'rg-app'],
    ]);
    expect(storedChains(graph).map((c) => c.replace(/ → deploy holds.*/, ''))).toEqual([
      'uai-data: holds "App Configuration Data Reader" at appcs-orders → reads App Configuration key deploy:client-secret of App Configuration store '
      + 'appcs-orders, a client secret of deploy, and signs in as deploy (Microsoft.AppConfiguration/configurationStores/keyValues/read)',
      'uai-keys: holds "Contributor" at rg-app → reads App Configuration key deploy:client-secret of App Configuration store '
      + 'appcs-orders, a client secret of deploy, and signs in as deploy (Microsoft.AppConfiguration/configurationStores/ListKeys/action)',
    ]);
  });

  test('with local authentication off, the access keys read nothing: only the data reader', async () => {
    const graph = await graphOf(configuration(STORE('local_auth_enabled = false'), readers));
    expect(grantsOf(graph)).toHaveLength(3);
    expect(storedChains(graph).map((c) => c.split(':')[0])).toEqual(['uai-data']);
    expect(buildReport(graph).credentials[0].stores?.[0].readers).toEqual(['managed identity uai-data']);
  });
});

describe('Automation credentials and encrypted variables', () => {
  const ACCOUNT = `
resource "azurerm_automation_account" "ops" {
  name                = "aa-ops"
  resource_group_name = "rg-app"
  location            = "eastus"
  sku_name            = "Basic"
}
resource "azurerm_automation_credential" "deploy" {
  name                    = "deploy"
  resource_group_name     = "rg-app"
  automation_account_name = azurerm_automation_account.ops.name
  username                = azuread_application_registration.deploy.client_id
  password                = ${SECRET}
}
`;
  test('whoever can write and start a runbook in the account reads it; an operator who only starts runbooks does not', async () => {
    const readers = readerIdentity('author') + roleAssignment('author', 'Automation Contributor', 'azurerm_automation_account.ops.id', readerPrincipal('author'))
      + readerIdentity('operator') + roleAssignment('operator', 'Automation Operator', 'azurerm_automation_account.ops.id', readerPrincipal('operator'));
    const graph = await graphOf(configuration(ACCOUNT, readers));
    expect(grantsOf(graph)).toEqual([
      ['deploy', 'Owner', SUB],
      ['uai-author', 'Automation Contributor', 'aa-ops'],
      ['uai-operator', 'Automation Operator', 'aa-ops'],
    ]);
    expect(graph.credentialStores.map((s) => [s.kind, s.name, s.keptIn])).toEqual([['automation-asset', 'deploy', 'aa-ops']]);
    expect(storedChains(graph).map((c) => c.replace(/ → deploy holds.*/, ''))).toEqual([
      'uai-author: holds "Automation Contributor" at aa-ops → reads Automation asset deploy of Automation account aa-ops, a client secret of deploy, '
      + 'and signs in as deploy (Microsoft.Automation/automationAccounts/runbooks/write)',
    ]);
    const step = reachOfGraph(graph).chains.flatMap((c) => c.steps).find((s) => s.store !== undefined)!;
    expect(step.path?.id).toBe('automation-runbook-exec');
  });

  test('an unencrypted string variable comes back to whoever reads the account\'s variables (Reader); an encrypted one does not', async () => {
    const variable = (encrypted: string) => `
resource "azurerm_automation_account" "ops" {
  name                = "aa-ops"
  resource_group_name = "rg-app"
  location            = "eastus"
  sku_name            = "Basic"
}
resource "azurerm_automation_variable_string" "secret" {
  name                    = "deploy-secret"
  resource_group_name     = "rg-app"
  automation_account_name = azurerm_automation_account.ops.name
  value                   = ${SECRET}
  ${encrypted}
}
`;
    const readers = readerIdentity('look') + roleAssignment('look_reader', 'Reader', `"${RG}"`, readerPrincipal('look'));
    const plain = await graphOf(configuration(variable(''), readers));
    expect(grantsOf(plain)).toEqual([['deploy', 'Owner', SUB], ['uai-look', 'Reader', 'rg-app']]);
    expect(plain.credentialStores.map((s) => [s.kind, s.name, s.plainText])).toEqual([['automation-asset', 'deploy-secret', true]]);
    expect(storedChains(plain).map((c) => c.replace(/ → deploy holds.*/, ''))).toEqual([
      'uai-look: holds "Reader" at rg-app → reads Automation asset deploy-secret of Automation account aa-ops, a client secret of deploy, '
      + 'and signs in as deploy (Microsoft.Automation/automationAccounts/variables/read)',
    ]);
    const encrypted = await graphOf(configuration(variable('encrypted = true'), readers));
    expect(encrypted.credentialStores.map((s) => s.plainText)).toEqual([undefined]);
    expect(storedChains(encrypted)).toEqual([]);
  });
});
