import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { LinuxFunctionApp } from '@cdktf/provider-azurerm/lib/linux-function-app';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { App, TerraformStack, Testing } from 'cdktf';

export const SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';
export const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

/** A stack with a provider, for constructs under test. */
export function newStack(id = 'test'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** The synthesized JSON of a stack, parsed. */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** The resources of one type in synthesized JSON, by name. */
export function resourcesOf(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** The one resource of a type; fails when there is not exactly one. */
export function onlyResource(json: any, type: string): any {
  const all = Object.values(resourcesOf(json, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

export function appResources(stack: TerraformStack) {
  const rg = new ResourceGroup(stack, 'rg', { name: 'rg-ordering', location: 'eastus' });
  const vault = new KeyVault(stack, 'kv', {
    name: 'kv-ordering',
    location: rg.location,
    resourceGroupName: rg.name,
    tenantId: TENANT,
    skuName: 'standard',
    enableRbacAuthorization: true,
  });
  const plan = new ServicePlan(stack, 'plan', { name: 'asp-ordering', location: rg.location, resourceGroupName: rg.name, osType: 'Linux', skuName: 'Y1' });
  const storage = new StorageAccount(stack, 'st', {
    name: 'stordering',
    location: rg.location,
    resourceGroupName: rg.name,
    accountTier: 'Standard',
    accountReplicationType: 'LRS',
  });
  const functionApp = new LinuxFunctionApp(stack, 'func', {
    name: 'func-ordering-api',
    location: rg.location,
    resourceGroupName: rg.name,
    servicePlanId: plan.id,
    storageAccountName: storage.name,
    storageUsesManagedIdentity: true,
    siteConfig: {},
  });
  return { rg, vault, plan, storage, functionApp };
}

/**
 * Synthesizes the app that holds `stack` (or `app` itself) as `cdktf synth` does: aspects,
 * validations, annotations. The error message, or undefined when synthesis passes.
 */
export function synthError(stackOrApp: TerraformStack | App): string | undefined {
  try {
    (stackOrApp.node.root as App).synth();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
