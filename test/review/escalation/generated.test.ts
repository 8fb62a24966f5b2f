import { readFileSync } from 'fs';
import * as path from 'path';
import { parseEscalationPaths, renderEscalationCatalog } from '../../../scripts/role-catalog/render-escalation';
import { allEscalationPaths, escalationPathById, ESCALATION_CATALOG_SOURCE } from '../../../src/review/escalation/escalation-catalog';
import { knownEffectPaths } from '../../../src/review/escalation/escalation-effect';
import { BuiltInRole } from '../../../src/roles/built-in-role.generated';
import { Role } from '../../../src/roles/role';
import { RoleCatalog } from '../../../src/roles/role-catalog';
import { openedEscalationPaths } from '../../../src/roles/role-classification';
import { BUILT_IN_ESCALATION_PATHS } from '../../../src/roles/role-escalation-paths.generated';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const ESCALATION = 'data/azure-escalation-actions.json';
const AZURE = 'data/azure-builtin-roles.json';

describe('the committed escalation files', () => {
  test('are exactly what the generator makes from the data', () => {
    const files = renderEscalationCatalog({ file: ESCALATION, text: read(ESCALATION) }, { file: AZURE, text: read(AZURE) });
    expect(files.map((f) => f.path)).toEqual(['src/roles/escalation-paths.generated.ts', 'src/roles/role-escalation-paths.generated.ts']);
    for (const file of files) expect({ path: file.path, content: read(file.path) }).toEqual(file);
  });

  test('hold every path of the data, in its order, with its sources', () => {
    const data = JSON.parse(read(ESCALATION)) as { version: string; paths: { id: string; requires_any: string[]; sources: unknown[] }[] };
    expect(ESCALATION_CATALOG_SOURCE).toEqual({ file: ESCALATION, version: data.version, paths: data.paths.length });
    expect(allEscalationPaths().map((p) => p.id)).toEqual(data.paths.map((p) => p.id));
    for (const p of data.paths) {
      expect(escalationPathById(p.id)?.requiresAny).toEqual(p.requires_any);
      expect(escalationPathById(p.id)?.sources).toHaveLength(p.sources.length);
    }
  });

  test('every path has an effect the reach computation follows', () => {
    expect(knownEffectPaths().sort()).toEqual(allEscalationPaths().map((p) => p.id).sort());
  });

  test('the generator refuses a table it cannot read, naming the place', () => {
    const bad = (paths: unknown) => () => parseEscalationPaths('t.json', JSON.stringify({ version: 'v', paths }));
    expect(bad([{ id: 'Not Kebab' }])).toThrow('t.json: paths[0].id: expected a kebab-case id');
    const path0 = { ...JSON.parse(read(ESCALATION)).paths[0] };
    expect(bad([path0, path0])).toThrow(`t.json: paths[1].id: "${path0.id}" repeats`);
    expect(bad([{ ...path0, plane: 'both' }])).toThrow('t.json: paths[0].plane: expected one of control, data');
    expect(bad([{ ...path0, actions: [] }])).toThrow('t.json: paths[0].actions: a path needs at least one action');
  });
});

describe('Role.escalationPaths', () => {
  test('of every built-in role is what its actions give (the generated map is computed, not typed)', () => {
    const paths = allEscalationPaths();
    const builtIns = RoleCatalog.builtIn().roles.filter((r) => r.isBuiltIn);
    expect(builtIns).toHaveLength(928);
    for (const role of builtIns) {
      expect({ role: role.name, paths: role.escalationPaths }).toEqual({ role: role.name, paths: openedEscalationPaths(role.permissions, paths) });
      expect(role.escalationPaths).toEqual(BUILT_IN_ESCALATION_PATHS[role.guid] ?? []);
    }
  });

  test.each([
    ['Owner', 23],
    ['Contributor', 17],
    ['User Access Administrator', 5],
    ['Virtual Machine Contributor', 3],
    ['Managed Identity Operator', 0],
    ['Reader', 0],
  ])('%s opens %d paths, as the data README counts', (name, count) => {
    expect(BuiltInRole.fromName(name).escalationPaths).toHaveLength(count);
  });

  test('matches the data README: Contributor loses every rbac-* and policy-* path to its notActions', () => {
    const contributor = BuiltInRole.CONTRIBUTOR.escalationPaths;
    expect(contributor.filter((id) => id.startsWith('rbac-') || id.startsWith('policy-'))).toEqual([]);
    expect(BuiltInRole.VIRTUAL_MACHINE_CONTRIBUTOR.escalationPaths).toEqual(['vm-run-command', 'vm-extension-write', 'storage-account-shared-key']);
  });

  test('the number of built-in roles opening each path is the data README\'s', () => {
    const counts: Record<string, number> = {};
    for (const ids of Object.values(BUILT_IN_ESCALATION_PATHS)) for (const id of ids) counts[id] = (counts[id] ?? 0) + 1;
    expect(counts).toEqual({
      'rbac-role-assignment-write': 28,
      'rbac-custom-role-definition-write': 2,
      'rbac-elevate-access-root': 2,
      'rbac-classic-coadministrator-write': 2,
      'policy-assignment-with-privileged-uami': 1,
      'policy-definition-tamper-remediation': 4,
      'uami-assign-to-controlled-resource': 3,
      'uami-federated-credential-write': 5,
      'vm-run-command': 5,
      'vm-extension-write': 11,
      'vm-entra-admin-login': 1,
      'arc-machine-code-exec': 20,
      'keyvault-access-policy-self-grant': 7,
      'keyvault-secret-read': 4,
      'keyvault-template-deploy-secret': 8,
      'storage-account-shared-key': 24,
      'storage-function-code-overwrite': 15,
      'webapp-code-deploy': 6,
      'functionapp-master-key': 4,
      'logic-app-workflow-write': 3,
      'automation-runbook-exec': 3,
      'aks-cluster-admin-credential': 4,
      'aks-run-command': 4,
      'container-instance-exec': 3,
      'container-app-exec': 1,
      'acr-task-identity': 4,
      'deployment-script-uami': 2,
    });
  });

  const custom = (actions: string[], notActions: string[] = [], dataActions: string[] = []) =>
    Role.custom({ guid: '11111111-0000-0000-0000-000000000000', name: 'custom', permissions: [{ actions, notActions, dataActions }] }).escalationPaths;

  test('of a custom role is computed from its effective actions, wildcards matched as Azure matches them', () => {
    expect(custom(['Microsoft.Authorization/roleDefinitions/write'])).toEqual(['rbac-custom-role-definition-write']);
    expect(custom(['microsoft.compute/VIRTUALMACHINES/*'])).toEqual(['vm-run-command', 'vm-extension-write']);
    expect(custom(['Microsoft.Compute/*'], ['Microsoft.Compute/virtualMachines/runCommand/action', 'Microsoft.Compute/virtualMachines/runCommands/*']))
      .toEqual(['vm-extension-write']);
    expect(custom(['*'], ['*/write', '*/action'])).toEqual([]);
    expect(custom([], [], ['Microsoft.KeyVault/vaults/secrets/*'])).toEqual(['keyvault-secret-read']);
  });

  test('a notAction removes an operation only within its own permission block', () => {
    const role = Role.custom({
      guid: '11111111-0000-0000-0000-000000000000',
      name: 'two blocks',
      permissions: [
        { actions: ['Microsoft.Compute/virtualMachines/*'], notActions: ['Microsoft.Compute/virtualMachines/runCommand/action'] },
        { actions: ['Microsoft.Compute/virtualMachines/runCommand/action'] },
      ],
    });
    expect(role.escalationPaths).toContain('vm-run-command');
  });

  test('a `*` between slashes may stand for no segment (Managed Identity Operator\'s assign action)', () => {
    expect(custom(['Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action', 'Microsoft.Compute/virtualMachines/write']))
      .toEqual(['uami-assign-to-controlled-resource']);
  });

  test('requires every `requires` and one `requiresAny`', () => {
    expect(custom(['Microsoft.ManagedIdentity/userAssignedIdentities/assign/action'])).toEqual([]);
    expect(custom(['Microsoft.Automation/automationAccounts/runbooks/write'])).toEqual([]);
    expect(custom(['Microsoft.Automation/automationAccounts/runbooks/write', 'Microsoft.Automation/automationAccounts/jobs/write']))
      .toEqual(['automation-runbook-exec']);
  });
});
