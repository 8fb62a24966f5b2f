import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { App, TerraformStack, Testing } from 'cdktf';

export const SUB = '11111111-2222-3333-4444-555555555555';
export const RG_SCOPE_ID = `/subscriptions/${SUB}/resourceGroups/rg-platform`;
export const PLATFORM_GROUP = 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb';
export const SECURITY_GROUP = 'cccccccc-3333-4444-5555-dddddddddddd';
export const USER = 'eeeeeeee-6666-7777-8888-ffffffffffff';
export const OWNER_GUID = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
export const UAA_GUID = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';

/** A fresh app and stack. */
export function newStack(id = 'pim'): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  return { app, stack: new TerraformStack(app, id) };
}

/** A resource group of the stack, whose id is only known at apply time. */
export function resourceGroup(stack: TerraformStack, id = 'rg'): ResourceGroup {
  return new ResourceGroup(stack, id, { name: 'rg-platform', location: 'eastus' });
}

/** The synthesized JSON of a stack, parsed. */
export function synth(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** The resources of one type, in synthesized order. */
export function resources(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The only resource of a type. */
export function only(json: any, type: string): any {
  const all = resources(json, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}
