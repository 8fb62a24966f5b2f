import { TerraformStack } from 'cdktf';
import { graphOf } from './diff-fixtures';
import { BuiltInRole, Scope, WorkloadIdentity } from '../../../src';
import { ChangeKind } from '../../../src/review/diff/change-kind';
import { diffGraphs } from '../../../src/review/diff/diff-graphs';
import { appResources, newStack, synthJson } from '../../support/stack';

/** A synthesized app: the vault, resource group and a workload identity granted by `grant`. */
type Resources = ReturnType<typeof appResources>;

function synthesized(identityId: string, grant: (identity: WorkloadIdentity, resources: Resources) => void): ReturnType<typeof graphOf> {
  const stack: TerraformStack = newStack();
  const resources = appResources(stack);
  const identity = new WorkloadIdentity(stack, identityId, {
    name: 'uai-ordering-api', resourceGroupName: 'rg-shared-identities', location: 'eastus', owner: 'team-ordering',
  });
  grant(identity, resources);
  return graphOf(synthJson(stack), 'cdktf.out/stacks/test/cdk.tf.json');
}

const secretsOnVault = (identity: WorkloadIdentity, { vault }: Resources) => {
  identity.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault));
};

describe('syntheses of a cdktf app', () => {
  test('the same app synthesized twice has no access changes', () => {
    expect(diffGraphs(synthesized('OrderingApi', secretsOnVault), synthesized('OrderingApi', secretsOnVault)).changes).toEqual([]);
  });

  test('a grant moved from the vault to its resource group is scope-widened', () => {
    const head = synthesized('OrderingApi', (identity, { rg }) => {
      identity.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(rg));
    });
    const [change] = diffGraphs(synthesized('OrderingApi', secretsOnVault), head).changes;
    expect(change).toMatchObject({ kind: ChangeKind.SCOPE_WIDENED, principal: 'uai-ordering-api', scope: '${azurerm_resource_group.rg.id}', escalation: true });
  });

  test('a renamed construct recreates the grant, and moveFromId keeps it', () => {
    const base = synthesized('OrderingApi', secretsOnVault);
    const renamed = diffGraphs(base, synthesized('Ordering', secretsOnVault)).changes;
    expect(renamed).toEqual([expect.objectContaining({ kind: ChangeKind.RECREATED })]);
    const { address, previousAddress } = renamed[0];
    expect(address).not.toBe(previousAddress);

    const kept = synthesized('Ordering', (identity, { vault }) => {
      identity.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault)).assignment.moveFromId(previousAddress!);
    });
    expect(diffGraphs(base, kept).changes).toEqual([]);
  });
});
