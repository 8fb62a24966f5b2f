import { AnnotationMetadataEntryType, Aspects, TerraformStack } from 'cdktf';
import { AccessGuard, BuiltInRole, FederatedCredentialSubject, GraphPermission, Scope, Severity, WorkloadIdentity } from '../../src';
import { evaluate } from '../../src/policy/evaluate';
import { AccessGraph } from '../../src/review/graph/access-graph';
import { appResources, newStack, onlyResource, resourcesOf, SUBSCRIPTION, synthJson } from '../support/stack';

const TODAY = '2026-11-27';
const RG_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-deploy`;
const levels: string[] = [AnnotationMetadataEntryType.ERROR, AnnotationMetadataEntryType.WARN, AnnotationMetadataEntryType.INFO];

function deployer(stack: TerraformStack): WorkloadIdentity {
  return new WorkloadIdentity(stack, 'Deploy', {
    name: 'uai-deploy', resourceGroupName: 'rg-shared-identities', location: 'eastus', owner: 'team-platform@contoso.example',
  });
}

/** Runs the guard the way synthesis does: its AZA032 findings, and the annotations it left. */
function guard(stack: TerraformStack) {
  const aspect = new AccessGuard({ today: TODAY });
  Aspects.of(stack).add(aspect);
  aspect.visit(stack);
  const findings = AccessGuard.findingsOf(stack);
  const annotations = stack.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => levels.includes(m.type) && String(m.data).startsWith('[AZA032]'))
    .map((m) => ({ path: c.node.path, level: m.type })));
  return { findings, trustFindings: findings.filter((f) => f.ruleId === 'AZA032'), annotations };
}

/** The scopes the stack's role assignments name, by role definition name. */
function grantedScopes(stack: TerraformStack): string[][] {
  return Object.values(resourcesOf(synthJson(stack), 'azurerm_role_assignment')).map((a: any) => [a.role_definition_name ?? a.role_definition_id, a.scope]);
}

describe('trustGitHubActions under the guard (AZA032)', () => {
  test('a pull request trust fails synth once Contributor is granted, even when the grant comes after the trust', () => {
    const stack = newStack('deploy');
    const identity = deployer(stack);
    identity.trustGitHubActions('github-pr', { repository: 'contoso/infra', pullRequest: true });
    identity.grant(BuiltInRole.CONTRIBUTOR, Scope.resourceGroup(SUBSCRIPTION, 'rg-deploy'));
    expect(grantedScopes(stack)).toEqual([[expect.anything(), RG_ID]]);
    const { trustFindings, annotations } = guard(stack);
    expect(trustFindings.map((f) => [f.severity, f.constructPath, f.message])).toEqual([[
      Severity.ERROR, 'deploy/Deploy/github-pr',
      'federated credential trusts pull requests of contoso/infra: anyone who can open a pull request from a branch of contoso/infra can get a token of '
        + 'managed identity uai-deploy, which holds "Contributor" at rg-deploy (tier 0).',
    ]]);
    expect(annotations).toEqual([{ path: 'deploy/Deploy/github-pr', level: AnnotationMetadataEntryType.ERROR }]);
  });

  test('a pull request trust on an identity with Reader on one resource group is quiet', () => {
    const stack = newStack('deploy');
    const identity = deployer(stack);
    identity.trustGitHubActions('github-pr', { repository: 'contoso/infra', pullRequest: true });
    identity.grant(BuiltInRole.READER, Scope.resourceGroup(SUBSCRIPTION, 'rg-deploy'));
    expect(grantedScopes(stack)).toEqual([[expect.anything(), RG_ID]]);
    expect(onlyResource(synthJson(stack), 'azurerm_federated_identity_credential').subject).toBe('repo:contoso/infra:pull_request');
    const { trustFindings, annotations } = guard(stack);
    expect(trustFindings).toEqual([]);
    expect(annotations).toEqual([]);
    // A tier-0 Graph permission granted afterwards makes the same trust an error.
    identity.grantAppPermission(GraphPermission.APPLICATION_READ_WRITE_ALL, { justification: 'registers the preview apps' });
    expect(guard(stack).trustFindings.map((f) => [f.severity, f.constructPath])).toEqual([[Severity.ERROR, 'deploy/Deploy/github-pr']]);
  });

  test('an environment trust on a tier-0 identity is not AZA032 (the grant is still judged)', () => {
    const stack = newStack('deploy');
    const identity = deployer(stack);
    identity.trustGitHubActions('prod', { repository: 'contoso/ordering-api', environment: 'prod' });
    identity.grant(BuiltInRole.CONTRIBUTOR, Scope.resourceGroup(SUBSCRIPTION, 'rg-deploy'));
    expect(grantedScopes(stack)).toEqual([[expect.anything(), RG_ID]]);
    const { findings, trustFindings } = guard(stack);
    expect(findings.map((f) => f.ruleId)).toContain('AZA004');
    expect(trustFindings).toEqual([]);
    // A branch trust on the same identity is the finding, at its own construct.
    identity.trustGitHubActions('main', { repository: 'contoso/ordering-api', branch: 'main' });
    expect(guard(stack).trustFindings.map((f) => [f.severity, f.constructPath])).toEqual([[Severity.WARNING, 'deploy/Deploy/main']]);
  });

  test('a branch trust on a tier-1 identity (Key Vault Secrets User on one vault) is a warning', () => {
    const stack = newStack('deploy');
    const { vault } = appResources(stack);
    const identity = deployer(stack);
    identity.trustGitHubActions('main', { repository: 'contoso/infra', branch: 'main' });
    identity.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault));
    expect(grantedScopes(stack)).toEqual([[expect.anything(), '${azurerm_key_vault.kv.id}']]);
    const { trustFindings, annotations } = guard(stack);
    expect(trustFindings.map((f) => [f.severity, f.constructPath])).toEqual([[Severity.WARNING, 'deploy/Deploy/main']]);
    expect(annotations).toEqual([{ path: 'deploy/Deploy/main', level: AnnotationMetadataEntryType.WARN }]);
  });

  test('a justification accepts the trust, at synth and in azure-access check, which read it from the JSON', () => {
    const stack = newStack('deploy');
    const identity = deployer(stack);
    identity.trustGitHubActions('github-pr', { repository: 'contoso/infra', pullRequest: true, justification: ' plan-only previews of infra pull requests ' });
    identity.grant(BuiltInRole.CONTRIBUTOR, Scope.resourceGroup(SUBSCRIPTION, 'rg-deploy'));
    expect(grantedScopes(stack)).toEqual([[expect.anything(), RG_ID]]);
    // What synthesis writes, metadata included (Testing.synth strips it).
    const json = stack.toTerraform() as any;
    expect(onlyResource(json, 'azurerm_federated_identity_credential')['//']['cdktf-azure-access'].suppressions)
      .toEqual([{ ruleId: 'AZA032', reason: 'plan-only previews of infra pull requests' }]);
    expect(guard(stack).trustFindings).toEqual([]);
    const result = evaluate(AccessGraph.fromDocuments([{ file: 'cdk.tf.json', document: json }]), { today: TODAY });
    expect(result.findings.map((f) => f.ruleId)).not.toContain('AZA032');
    expect(result.suppressed.map((s) => [s.finding.ruleId, s.suppression.reason])).toContainEqual(['AZA032', 'plan-only previews of infra pull requests']);
  });

  test('a justification given through FederatedCredentialSubject.gitHubActions is recorded the same way', () => {
    const stack = newStack('deploy');
    const identity = deployer(stack);
    identity.addFederatedCredential('github-pr', FederatedCredentialSubject.gitHubActions({ repository: 'contoso/infra', pullRequest: true, justification: 'previews' }));
    identity.grant(BuiltInRole.CONTRIBUTOR, Scope.resourceGroup(SUBSCRIPTION, 'rg-deploy'));
    expect(grantedScopes(stack)).toEqual([[expect.anything(), RG_ID]]);
    expect(onlyResource(stack.toTerraform(), 'azurerm_federated_identity_credential')['//']['cdktf-azure-access'].suppressions)
      .toEqual([{ ruleId: 'AZA032', reason: 'previews' }]);
    expect(guard(stack).trustFindings).toEqual([]);
  });

  test('an empty justification is refused with the construct path', () => {
    const stack = newStack('deploy');
    const identity = deployer(stack);
    expect(() => identity.trustGitHubActions('github-pr', { repository: 'contoso/infra', pullRequest: true, justification: '  ' }))
      .toThrow(/^deploy\/Deploy\/github-pr: justification is empty\. Say why "repo:contoso\/infra:pull_request" is trusted instead of a deployment environment/);
    expect(resourcesOf(synthJson(stack), 'azurerm_federated_identity_credential')).toEqual({});
  });
});
