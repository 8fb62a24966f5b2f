import { AnnotationMetadataEntryType, Aspects, TerraformStack } from 'cdktf';
import { AccessGuard, BuiltInRole, Principal, RoleGrant, Scope } from '../../src';
import { parseReviewConfig } from '../../src/policy/review-config';
import { cli } from '../cli/run-cli';
import { batchVmStack } from '../support/batch-vm-stack';
import { newStack } from '../support/stack';

const DIR = 'test/fixtures/suppression-accepts';
const CONFIG = `${DIR}/access.json`;
const SUB = '11111111-2222-3333-4444-555555555555';

async function checkJson(input: string, config = CONFIG) {
  const { code, stdout, stderr } = await cli(['check', '--format', 'json', '--today', '2026-11-27', '--config', config, input]);
  expect(stderr).toBe('');
  const output = JSON.parse(stdout);
  // The fixtures declare the person as an azuread_user without a credential: a person's account,
  // read (AZA031 would judge a credential), so nothing of it is left unreviewed.
  expect(output.findings.filter((f: { ruleId: string }) => f.ruleId === 'AZA015' || f.ruleId === 'AZA031')).toEqual([]);
  return { code, ...output };
}

describe('a suppression names what it accepts (check)', () => {
  test('the chain it was written for is accepted, where it was written (the path\'s first grant) and at its root cause', async () => {
    const out = await checkJson(`${DIR}/accepted`);
    expect(out.code).toBe(0);
    expect(out.findings).toEqual([]);
    // The escalation's root cause is the identity's grant; the suppression on alice's grant, where AZA013
    // pointed before root causes, accepts the one path that starts there.
    expect(out.suppressed.map((s: any) => [s.ruleId, s.address]).sort()).toEqual([
      ['AZA010', 'azurerm_role_assignment.alice_vm'], ['AZA013', 'azurerm_role_assignment.worker_secrets'],
    ]);
  });

  test('widened: the root cause now opens a path the suppression does not name, so it is a finding that says what the suppression covers', async () => {
    const out = await checkJson(`${DIR}/widened`);
    expect(out.code).toBe(1);
    expect(out.findings).toHaveLength(1);
    const [finding] = out.findings;
    expect(finding.ruleId).toBe('AZA013');
    // alice's grant closes both paths (to the vault and to every vault of rg-payments): the root cause.
    expect(finding.address).toBe('azurerm_role_assignment.alice_vm');
    expect(finding.message).toContain('opens 2 escalation paths, up to tier 1: "Key Vault Secrets Officer" at kv-payments, "Key Vault Secrets Officer" at rg-payments.');
    expect(finding.message).toContain(
      'The suppression of AZA013 here ("alice operates the payments batch VM") accepts only "kv-payments", not "Key Vault Secrets Officer" at rg-payments.',
    );
    expect(out.suppressed.filter((s: any) => s.ruleId === 'AZA013')).toEqual([]);
  });

  test('a suppression without accepts keeps covering every path of the root cause it is on', async () => {
    const out = await checkJson(`${DIR}/widened`, `${DIR}/access-unbound.json`);
    expect(out.code).toBe(0);
    expect(out.findings).toEqual([]);
    expect(out.suppressed.filter((s: any) => s.ruleId === 'AZA013').map((s: any) => s.address)).toEqual(['azurerm_role_assignment.alice_vm']);
  });

  test('the config file refuses accepts that name nothing', () => {
    const config = (accepts: unknown) => JSON.stringify({ suppressions: [{ address: 'a.b', ruleId: 'AZA013', reason: 'r', accepts }] });
    expect(() => parseReviewConfig('access.json', config([]))).toThrow('access.json: /suppressions/0/accepts: expected a non-empty array');
    expect(() => parseReviewConfig('access.json', config('kv-payments'))).toThrow('/suppressions/0/accepts');
    expect(parseReviewConfig('access.json', config([' kv-payments '])).suppressions.get('a.b')).toEqual([
      { ruleId: 'AZA013', reason: 'r', accepts: ['kv-payments'] },
    ]);
  });
});

/** alice runs commands on a VM whose identity reads the payments vault (and, widened, every vault in rg-payments). */
function batchVm(stack: TerraformStack, widened: boolean) {
  const { alice } = batchVmStack(stack, { widened });
  AccessGuard.suppress(alice, 'AZA010', { reason: 'alice is the operator' });
  return { alice };
}

function guardErrors(stack: TerraformStack): string[] {
  const guard = new AccessGuard({ today: '2026-11-27' });
  Aspects.of(stack).add(guard);
  guard.visit(stack);
  return stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.ERROR).map((m) => String(m.data)));
}

describe('a suppression names what it accepts (the guard)', () => {
  test('accepts is written into the JSON, so the command sees it too', () => {
    const stack = newStack('accepts');
    const { alice } = batchVm(stack, false);
    AccessGuard.suppress(alice, 'AZA013', { reason: 'alice operates the payments batch VM', accepts: ['kv-payments'] });
    expect(guardErrors(stack)).toEqual([]);
    const json = JSON.parse(JSON.stringify((stack as any).toTerraform()));
    const [assignment] = Object.values<any>(json.resource.azurerm_role_assignment).filter((a) => a['//']?.['cdktf-azure-access']);
    expect(assignment['//']['cdktf-azure-access'].suppressions).toContainEqual({ ruleId: 'AZA013', reason: 'alice operates the payments batch VM', accepts: ['kv-payments'] });
  });

  test('widened: synth fails on the new chain only', () => {
    const stack = newStack('accepts');
    const { alice } = batchVm(stack, true);
    AccessGuard.suppress(alice, 'AZA013', { reason: 'alice operates the payments batch VM', accepts: ['kv-payments'] });
    const errors = guardErrors(stack);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[AZA013\] .*"Key Vault Secrets Officer" at rg-payments\. .*accepts only "kv-payments", not "Key Vault Secrets Officer" at rg-payments\./);
  });

  test('a wide grant accepted at one scope is a finding again at a wider one', () => {
    const errorsAt = (scope: Scope) => {
      const stack = newStack('wide');
      const principal = Principal.servicePrincipal('99999999-1111-2222-3333-444444444444', 'inventory');
      const reader = new RoleGrant(stack, 'InventoryReader', { principal, role: BuiltInRole.READER, scope });
      AccessGuard.suppress(reader, 'AZA001', { reason: 'inventory export', accepts: [`/subscriptions/${SUB}`] });
      return guardErrors(stack).filter((e) => e.startsWith('[AZA001]'));
    };
    expect(errorsAt(Scope.subscription(SUB))).toEqual([]);
    const wider = errorsAt(Scope.managementGroup('mg-contoso'));
    expect(wider).toHaveLength(1);
    expect(wider[0]).toContain(`accepts only "/subscriptions/${SUB}", not mg-contoso.`);
  });

  test('accepts must name something', () => {
    const stack = newStack('accepts');
    const { alice } = batchVm(stack, false);
    expect(() => AccessGuard.suppress(alice, 'AZA013', { reason: 'r', accepts: [] })).toThrow(/accepts of AZA013 must name at least one/);
    expect(() => AccessGuard.suppress(alice, 'AZA013', { reason: 'r', accepts: [' '] })).toThrow(/none empty/);
  });
});
