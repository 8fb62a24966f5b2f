import { AnnotationMetadataEntryType, Aspects, TerraformStack } from 'cdktf';
import { AccessGuard } from '../../../src';
import { RuleId } from '../../../src/model/rule-id';
import { batchVmStack } from '../../support/batch-vm-stack';
import { newStack } from '../../support/stack';

/** The example as constructs: alice can run commands on a VM whose identity reads the payments vault. */
const example = (stack: TerraformStack) => batchVmStack(stack);

function escalationErrors(stack: TerraformStack): { path: string; message: string }[] {
  const aspect = new AccessGuard({ today: '2026-11-27' });
  Aspects.of(stack).add(aspect);
  aspect.visit(stack);
  return stack.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === AnnotationMetadataEntryType.ERROR && String(m.data).startsWith(`[${RuleId.ESCALATION_CHAIN}]`))
    .map((m) => ({ path: c.node.path, message: String(m.data) })));
}

describe('the AccessGuard and escalation chains', () => {
  test('fails synthesis on the escalation, at its root cause (the grant nearest the privileged end), naming every step', () => {
    const stack = newStack('escalation');
    example(stack);
    const errors = escalationErrors(stack);
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('escalation/Worker/KeyVaultSecretsOfficer-kv/Assignment');
    expect(errors[0].message).toContain(
      'holds "Virtual Machine Contributor" at rg-app → runs as uai-worker on vm-worker (Microsoft.Compute/virtualMachines/runCommand/action) '
      + '→ uai-worker holds "Key Vault Secrets Officer" at kv-payments.',
    );
  });

  test('passes when the path is suppressed on the grant it starts from, as before root causes', () => {
    const stack = newStack('escalation');
    const { alice } = example(stack);
    AccessGuard.suppress(alice, RuleId.ESCALATION_CHAIN, { reason: 'alice operates the payments batch VM' });
    expect(escalationErrors(stack)).toEqual([]);
  });
});
