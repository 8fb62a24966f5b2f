import '@microsoft/jest-sarif';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { DirectoryRoleAssignment } from '@cdktf/provider-azuread/lib/directory-role-assignment';
import { Group } from '@cdktf/provider-azuread/lib/group';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, Aspects, TerraformResource, TerraformStack } from 'cdktf';
import {
  AccessGuard,
  AccessGuardProps,
  AppPermission,
  BuiltInRole,
  DirectoryRole,
  DirectoryRoleEligibility,
  GraphPermission,
  Principal,
  Scope,
  WorkloadIdentity,
} from '../../src';
import { GUARD_MODE_CONTEXT, GUARD_MODE_ENV } from '../../src/policy/access-guard';
import { cli } from '../cli/run-cli';
import { SUBSCRIPTION } from '../support/stack';

const TODAY = '2026-11-27';
const GRANT_PATH = 'automation/Automation/Graph-RoleManagement-ReadWrite-Directory';
/** The grant's own refusal, word for word as it was before record mode covered it. */
const GRANT_ERROR =
  `[${GRANT_PATH}] managed identity uai-automation is granted Microsoft Graph RoleManagement.ReadWrite.Directory ` +
  '(9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8), a tier 0 (ControlPlane) application permission: it can take over the tenant, and has no justification. ' +
  'Fix: Grant a narrower permission if one does the job (e.g. a .Read. permission, or Sites.Selected instead of Sites.ReadWrite.All); ' +
  'for a real need, pass { justification: "<why this workload needs it>" } to grantAppPermission().';
const ORDERS_READ = '0a0a0a0a-0000-4000-8000-000000000001';
const RECORDED = `(an error, recorded for azure-access check: ${GUARD_MODE_ENV}=record)`;

interface AppOptions {
  /** `record` as cdktf context; the environment variable is set by the test itself. */
  readonly record?: boolean;
  readonly guard?: AccessGuardProps;
  /** Adds something to the stack before synth. */
  readonly extra?: (stack: TerraformStack, automation: WorkloadIdentity) => void;
}

/**
 * The app of issue 25: a workload given a tier-0 Graph permission with no justification, the
 * tier-0 Entra role Global Administrator standing (a raw resource), and Reader on a subscription
 * with no justification. Each is an error of the guard; the first is also the grant's own check.
 */
const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function issueApp(options: AppOptions = {}) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'record-mode-'));
  outdirs.push(outdir);
  const app = new App({ outdir, context: options.record ? { [GUARD_MODE_CONTEXT]: 'record' } : {} });
  const stack = new TerraformStack(app, 'automation');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new AzureadProvider(stack, 'azuread', {});
  const automation = new WorkloadIdentity(stack, 'Automation', {
    name: 'uai-automation', resourceGroupName: 'rg-shared-identities', location: 'eastus', owner: 'team-platform',
  });
  const graphGrant = automation.grantAppPermission(GraphPermission.ROLE_MANAGEMENT_READ_WRITE_DIRECTORY);
  const globalAdmin = new DirectoryRoleAssignment(stack, 'AutomationGlobalAdmin', {
    roleId: DirectoryRole.GLOBAL_ADMINISTRATOR.templateId,
    principalObjectId: automation.principalId,
  });
  const reader = automation.grant(BuiltInRole.READER, Scope.subscription(SUBSCRIPTION));
  options.extra?.(stack, automation);
  Aspects.of(stack).add(new AccessGuard({ today: TODAY, ...options.guard }));
  return { app, stack, outdir, graphGrant, globalAdmin, reader };
}

function synthError(app: App): string | undefined {
  try {
    app.synth();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The annotations cdktf wrote for the stack, as `cdktf synth` prints them. */
function annotationsOf(outdir: string): { constructPath: string; level: string; message: string }[] {
  return JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).stacks.automation.annotations;
}

describe('record mode covers the grant\'s own tier-0 check (AZURE_ACCESS_GUARD=record)', () => {
  test('without record mode synth fails with the grant\'s message, as before; with it, by context or environment, synth goes on', () => {
    const failing = synthError(issueApp().app);
    expect(failing).toContain(GRANT_ERROR);

    expect(synthError(issueApp({ record: true }).app)).toBeUndefined();
    const before = process.env[GUARD_MODE_ENV];
    process.env[GUARD_MODE_ENV] = 'record';
    try {
      const { app, outdir } = issueApp();
      expect(synthError(app)).toBeUndefined();
      expect(JSON.parse(readFileSync(path.join(outdir, 'stacks/automation/cdk.tf.json'), 'utf8')).resource.azuread_app_role_assignment).toBeDefined();
    } finally {
      if (before === undefined) delete process.env[GUARD_MODE_ENV];
      else process.env[GUARD_MODE_ENV] = before;
    }
  });

  test('each judgement is one warning naming its rule, on its resource; none is an error, and the grant adds no second one', () => {
    const { app, outdir, graphGrant, globalAdmin, reader } = issueApp({ record: true });
    expect(synthError(app)).toBeUndefined();
    const annotations = annotationsOf(outdir);
    expect(annotations.filter((a) => a.level === '@cdktf/error')).toEqual([]);
    const recorded = annotations.filter((a) => a.message.endsWith(RECORDED))
      .map((a) => [a.constructPath, a.level, a.message.slice(0, a.message.indexOf(']') + 1)]);
    expect(recorded.sort()).toEqual([
      [globalAdmin.node.path, '@cdktf/warn', '[AZA021]'],
      [globalAdmin.node.path, '@cdktf/warn', '[AZA022]'],
      [graphGrant.assignment.node.path, '@cdktf/warn', '[AZA022]'],
      [reader.assignment.node.path, '@cdktf/warn', '[AZA001]'],
    ].sort());
    expect(graphGrant.assignment.node.path).toBe(`${GRANT_PATH}/Assignment`);
    const onGrant = annotations.find((a) => a.constructPath === graphGrant.assignment.node.path)!;
    expect(onGrant.message).toContain('managed identity uai-automation holds the Microsoft Graph application permission "RoleManagement.ReadWrite.Directory" (tier 0).');
    expect(annotations.filter((a) => a.message.includes('has no justification'))).toEqual([]);
  });

  test('azure-access check --format sarif over the synthesized JSON reports each as an error result', async () => {
    const { app, outdir, graphGrant, globalAdmin, reader } = issueApp({ record: true });
    app.synth();
    const address = (resource: TerraformResource) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
    const { code, stdout } = await cli(['check', '--format', 'sarif', '--today', TODAY, outdir]);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    expect(sarif).toBeValidSarifLog();
    const errors = sarif.runs[0].results.filter((r: any) => r.level === 'error' && !r.suppressions)
      .map((r: any) => [r.ruleId, r.locations[0].logicalLocations[0].fullyQualifiedName]);
    expect(address(graphGrant.assignment)).toMatch(/^azuread_app_role_assignment\.Automation_Graph-RoleManagement-ReadWrite-Directory_Assignment_/);
    expect(errors.sort()).toEqual([
      ['AZA001', address(reader.assignment)],
      ['AZA021', address(globalAdmin)],
      ['AZA022', address(graphGrant.assignment)],
      ['AZA022', address(globalAdmin)],
    ].sort());
    const graph = sarif.runs[0].results.find((r: any) => r.locations[0].logicalLocations[0].fullyQualifiedName === address(graphGrant.assignment));
    expect(graph.message.text).toContain('"RoleManagement.ReadWrite.Directory" (tier 0)');
  });

  test('the grant stands aside only for what the guard recorded: with AZA022 suppressed or disabled it fails as without record mode', () => {
    expect(synthError(issueApp({ record: true }).app)).toBeUndefined();
    const suppressed = issueApp({
      record: true,
      extra: (stack) => {
        const grant = stack.node.findAll().find((c) => c.node.path === GRANT_PATH)!;
        AccessGuard.suppress(grant, 'AZA022', { reason: 'break-glass automation' });
      },
    });
    expect(synthError(suppressed.app)).toContain(GRANT_ERROR);
    expect(synthError(issueApp({ record: true, guard: { disabledRules: ['AZA022'] } }).app)).toContain(GRANT_ERROR);
  });

  test('another API\'s app role of no given tier: recorded where AZA022 judges it, still refused where the API is an application of this configuration', () => {
    const appRole = (resourceObjectId: string) => AppPermission.forApi({ resourceObjectId, appRoleId: ORDERS_READ, name: 'Orders.Read' });
    const undeclared = issueApp({ record: true, extra: (_, automation) => automation.grantAppPermission(appRole('aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb')) });
    expect(synthError(undeclared.app)).toBeUndefined();
    expect(annotationsOf(undeclared.outdir).filter((a) => a.constructPath === 'automation/Automation/AppRole-Orders-Read/Assignment').map((a) => [a.level, a.message]))
      .toEqual([['@cdktf/warn', expect.stringMatching(new RegExp(`^\\[AZA022\\] managed identity uai-automation holds the app role "${ORDERS_READ}" of an API that cannot be read .*\\(an error, recorded`))]]);

    const declared = issueApp({
      record: true,
      extra: (stack, automation) => {
        const orders = new Application(stack, 'Orders', {
          displayName: 'orders-api',
          appRole: [{ id: ORDERS_READ, allowedMemberTypes: ['Application'], description: 'Read orders', displayName: 'Orders.Read', value: 'Orders.Read' }],
        });
        automation.grantAppPermission(appRole(new ServicePrincipal(stack, 'OrdersSp', { clientId: orders.clientId }).objectId));
      },
    });
    const error = synthError(declared.app);
    expect(error).toContain('[automation/Automation/AppRole-Orders-Read] managed identity uai-automation is granted Orders.Read');
    expect(error).not.toContain(GRANT_ERROR);
  });

  test('a value Entra refuses at apply still fails synth in record mode, alone: a directory role for a group that is not role-assignable', () => {
    const { app } = issueApp({
      record: true,
      extra: (stack) => {
        const group = new Group(stack, 'Operators', { displayName: 'operators', securityEnabled: true });
        new DirectoryRoleEligibility(stack, 'OperatorsHelpdesk', {
          principal: Principal.fromAzureadObject(group), role: DirectoryRole.HELPDESK_ADMINISTRATOR, justification: 'first-line support',
        });
      },
    });
    const error = synthError(app);
    expect(error).toContain('is an azuread_group with assignableToRole not set, and Entra refuses a directory role for it at apply');
    expect(error).not.toContain('has no justification');
  });
});
