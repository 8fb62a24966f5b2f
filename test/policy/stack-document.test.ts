import { DataAzurermSubscription } from '@cdktf/provider-azurerm/lib/data-azurerm-subscription';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Fn, TerraformIterator, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { OrderingApiStack } from '../../examples/ordering-api/ordering-api-stack';
import { BuiltInRole, Scope, WorkloadIdentity } from '../../src';
import { stackDocument } from '../../src/policy/stack-document';
import { newStack, SUBSCRIPTION } from '../support/stack';

/** toTerraform() without the stack's own metadata, which the guard does not read. */
function blocksOf(stack: TerraformStack): Record<string, any> {
  const { ['//']: _stackMetadata, ...blocks } = stack.toTerraform() as Record<string, unknown>;
  return blocks;
}

describe('the guard reads the same JSON synthesis writes', () => {
  test('for the example app', () => {
    const stack = new OrderingApiStack(Testing.app(), 'ordering-api', { today: '2026-11-30' });
    const document = stackDocument(stack) as Record<string, unknown>;
    expect(Object.keys((document.resource as object) ?? {}).length).toBeGreaterThan(5);
    expect(document).toEqual(blocksOf(stack));
  });

  test('with tokens of every kind: references, functions, variables, locals, iterators, overrides and outputs', () => {
    const stack = newStack('tokens');
    const names = new TerraformVariable(stack, 'names', { type: 'list(string)', default: ['a', 'b'] });
    const location = new TerraformLocal(stack, 'location', 'eastus');
    const subscription = new DataAzurermSubscription(stack, 'current', {});
    const iterator = TerraformIterator.fromList(names.listValue);
    const identities = new UserAssignedIdentity(stack, 'many', {
      forEach: iterator,
      name: Fn.format('uai-%s', [iterator.value]),
      resourceGroupName: 'rg',
      location: location.asString,
      tags: { owner: 'team', count: Fn.tostring(Fn.lengthOf(names.listValue)) },
    });
    identities.addOverride('lifecycle.prevent_destroy', true);
    const api = new WorkloadIdentity(stack, 'Api', { name: 'uai-api', resourceGroupName: 'rg', location: 'eastus', owner: 'team' });
    api.grant(BuiltInRole.READER, Scope.fromId(subscription.id), { justification: 'inventory' });
    new RoleAssignment(stack, 'raw', {
      scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg`,
      roleDefinitionName: 'Reader',
      principalId: api.principalId,
      dependsOn: [identities],
    });
    new TerraformOutput(stack, 'principal', { value: api.principalId });
    const document = stackDocument(stack);
    expect(JSON.stringify(document)).not.toContain('TfToken');
    expect(document).toEqual(blocksOf(stack));
  });

  test('resource names that are Object.prototype keys stay names', () => {
    const stack = newStack('names');
    ['constructor', '__proto__', 'toString'].forEach((name, i) => {
      const assignment = new RoleAssignment(stack, `a${i}`, { scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg`, roleDefinitionName: 'Reader', principalId: SUBSCRIPTION });
      assignment.overrideLogicalId(name);
    });
    const document = stackDocument(stack) as any;
    expect(Object.keys(document.resource.azurerm_role_assignment).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(({} as any).scope).toBeUndefined();
    expect(document.resource.azurerm_role_assignment.constructor).toEqual(blocksOf(stack).resource.azurerm_role_assignment.constructor);
  });
});
