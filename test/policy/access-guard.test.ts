import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA as ApplicationPassword } from '@cdktf/provider-azuread/lib/application-password';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { AnnotationMetadataEntryType, Aspects, TerraformStack, Testing } from 'cdktf';
import {
  AccessGuard,
  ActiveRoleAssignment,
  BuiltInRole,
  Duration,
  JustInTimeAccess,
  PimSchedule,
  Principal,
  Scope,
  Severity,
  WorkloadIdentity,
} from '../../src';
import { appResources, newStack, SUBSCRIPTION } from '../support/stack';

const TODAY = '2026-11-27';
const PLATFORM = 'cccccccc-1111-2222-3333-dddddddddddd';
const SECURITY = 'dddddddd-1111-2222-3333-eeeeeeeeeeee';

/** The seed scenario with this library's constructs. */
function seed(stack: TerraformStack) {
  const { rg, vault, functionApp } = appResources(stack);
  const api = new WorkloadIdentity(stack, 'OrderingApi', {
    name: 'uai-ordering-api', resourceGroupName: 'rg-shared-identities', location: 'eastus', owner: 'team-ordering@contoso.example',
  });
  api.attachTo(functionApp);
  api.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault)).applyBefore(functionApp);
  api.trustGitHubActions('github-prod', { repository: 'contoso/ordering-api', environment: 'prod' });
  new JustInTimeAccess(stack, 'PlatformAdmins', {
    principals: [Principal.group(PLATFORM, 'platform-admins')],
    roles: [BuiltInRole.OWNER, BuiltInRole.USER_ACCESS_ADMINISTRATOR],
    scope: Scope.of(rg),
    eligibleFor: Duration.days(180),
    activation: { maxDuration: Duration.hours(1), approvers: [Principal.group(SECURITY, 'security')], requireMfa: true, requireJustification: true },
  });
  return { api, rg, vault };
}

const levels: string[] = [AnnotationMetadataEntryType.ERROR, AnnotationMetadataEntryType.WARN, AnnotationMetadataEntryType.INFO];

/** Runs the guard the way synthesis does, and returns the annotations it left. */
function guard(stack: TerraformStack, props: ConstructorParameters<typeof AccessGuard>[0] = { today: TODAY }) {
  const aspect = new AccessGuard(props);
  Aspects.of(stack).add(aspect);
  aspect.visit(stack);
  const findings = AccessGuard.findingsOf(stack);
  const annotations = stack.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => levels.includes(m.type))
      .map((m) => ({ path: c.node.path, level: m.type, message: m.data as string })),
  );
  return { findings, annotations };
}

describe('AccessGuard', () => {
  test('the seed scenario passes with no finding at all', () => {
    const stack = newStack('ordering');
    seed(stack);
    const { findings, annotations } = guard(stack);
    expect(findings).toEqual([]);
    expect(annotations).toEqual([]);
  });

  test('the identity granted Owner at subscription scope fails with the rule, the construct path and the fix', () => {
    const stack = newStack('ordering');
    const { api } = seed(stack);
    api.grant(BuiltInRole.OWNER, Scope.subscription(SUBSCRIPTION), { justification: 'migration' });
    const { findings, annotations } = guard(stack);
    // The written justification accepts the wide scope (AZA001); what Owner lets a workload do is not accepted.
    // And platform-admins, eligible for Owner of rg-ordering only, can run code as the function app's identity:
    // after activation they reach Owner of the subscription, an escalation whose root cause is this grant.
    expect(findings.map((f) => [f.ruleId, f.severity, f.constructPath])).toEqual([
      ['AZA003', Severity.ERROR, 'ordering/OrderingApi/Owner-sub-11111111/Assignment'],
      ['AZA004', Severity.ERROR, 'ordering/OrderingApi/Owner-sub-11111111/Assignment'],
      ['AZA013', Severity.ERROR, 'ordering/OrderingApi/Owner-sub-11111111/Assignment'],
    ]);
    expect(findings[2].message).toMatch(/^managed identity uai-ordering-api holds "Owner" at subscription 11111111-2222-3333-4444-555555555555 opens 1 escalation path, up to tier 0: .* Shortest: group platform-admins → is eligible for "Owner" at rg-ordering/);
    expect(annotations).toEqual([
      expect.objectContaining({ path: 'ordering/OrderingApi/Owner-sub-11111111/Assignment', level: AnnotationMetadataEntryType.ERROR, message: expect.stringMatching(/^\[AZA003\] managed identity uai-ordering-api holds "Owner" .* Fix: /) }),
      expect.objectContaining({ path: 'ordering/OrderingApi/Owner-sub-11111111/Assignment', level: AnnotationMetadataEntryType.ERROR, message: expect.stringMatching(/^\[AZA004\]/) }),
      expect.objectContaining({ path: 'ordering/OrderingApi/Owner-sub-11111111/Assignment', level: AnnotationMetadataEntryType.ERROR, message: expect.stringMatching(/^\[AZA013\]/) }),
    ]);
  });

  test('synthesis fails on an error finding', () => {
    const stack = newStack('ordering');
    const { api } = seed(stack);
    api.grant(BuiltInRole.CONTRIBUTOR, Scope.resourceGroup(SUBSCRIPTION, 'rg-ordering'));
    Aspects.of(stack).add(new AccessGuard({ today: TODAY }));
    const app = stack.node.root as unknown as { synth(): void };
    expect(() => app.synth()).toThrow(/\[ordering\/OrderingApi\/Contributor-rg-ordering\/Assignment\] \[AZA004\] managed identity uai-ordering-api holds "Contributor"/);
  });

  test('a wide grant made without RoleGrant\'s justification is caught (a description is not one)', () => {
    const stack = newStack('ordering');
    seed(stack);
    new RoleAssignment(stack, 'raw', {
      scope: `/subscriptions/${SUBSCRIPTION}`,
      roleDefinitionName: 'Reader',
      principalId: PLATFORM,
      principalType: 'Group',
      description: 'inventory export',
    });
    const { findings } = guard(stack);
    expect(findings.map((f) => [f.ruleId, f.constructPath, f.message])).toEqual([
      ['AZA001', 'ordering/raw', `group ${PLATFORM} holds "Reader" at subscription scope /subscriptions/${SUBSCRIPTION}.`],
    ]);
  });

  test('severity overrides, disabled rules and thresholds are options', () => {
    const stack = newStack('ordering');
    const { api } = seed(stack);
    api.grant(BuiltInRole.CONTRIBUTOR, Scope.resourceGroup(SUBSCRIPTION, 'rg-ordering'));
    const { findings, annotations } = guard(stack, { today: TODAY, severityOverrides: { AZA004: Severity.WARNING }, disabledRules: ['AZA003'] });
    // What Contributor opens itself in rg-ordering (storage keys, vault access policies) is the grant's own reach,
    // judged with the grant (AZA004 here), not an escalation of its own.
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['AZA004', Severity.WARNING]]);
    expect(annotations.map((a) => a.level)).toEqual([AnnotationMetadataEntryType.WARN]);
    expect(guard(newStack(), { today: TODAY, maxActivationHours: 0.5 }).findings).toEqual([]);
    const strict = newStack('strict');
    seed(strict);
    expect(guard(strict, { today: TODAY, maxActivationHours: 0.5 }).findings.map((f) => f.ruleId)).toEqual(['AZA008', 'AZA008']);
  });

  test('the guard patches nothing of cdktf: no method of the stack is replaced', () => {
    const stack = newStack('ordering');
    seed(stack);
    const before = Object.getOwnPropertyNames(stack).sort();
    guard(stack);
    expect(Object.getOwnPropertyNames(stack).sort()).toEqual(before);
    expect(Object.prototype.hasOwnProperty.call(stack, 'toTerraform')).toBe(false);
  });

  test('findings are kept per stack: the second stack of an app does not overwrite the first', () => {
    const app = Testing.app();
    const [first, second] = ['first', 'second'].map((id) => {
      const stack = new TerraformStack(app, id);
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      seed(stack);
      return stack;
    });
    new RoleAssignment(first, 'raw', { scope: `/subscriptions/${SUBSCRIPTION}`, roleDefinitionName: 'Reader', principalId: PLATFORM, principalType: 'Group' });
    // One guard object on both stacks (cdktf runs only the aspects of a stack and its children).
    const shared = new AccessGuard({ today: TODAY, severityOverrides: { AZA001: Severity.WARNING } });
    for (const stack of [first, second]) Aspects.of(stack).add(shared);
    app.synth();
    expect(AccessGuard.findingsOf(first).map((f) => [f.ruleId, f.constructPath])).toEqual([['AZA001', 'first/raw'], ['AZA011', 'first/raw']]);
    expect(AccessGuard.findingsOf(second)).toEqual([]);
    expect(AccessGuard.findingsOf(new TerraformStack(app, 'never-synthesized'))).toEqual([]);
  });

  test('refuses a today that is not a date', () => {
    expect(() => new AccessGuard({ today: '27/11/2026' })).toThrow('AccessGuard: today "27/11/2026" is not a date; write it YYYY-MM-DD.');
  });
});

describe('suppressions in code', () => {
  function withSecret(until?: string) {
    const stack = newStack('legacy');
    const app = new Application(stack, 'app', { displayName: 'ordering-legacy' });
    const password = new ApplicationPassword(stack, 'secret', { applicationId: app.id, endDate: '2027-03-31T00:00:00Z' });
    if (until !== undefined) AccessGuard.suppress(password, 'AZA005', { reason: 'migrating to uai-ordering-api', until });
    return stack;
  }

  test('a secret fails the build', () => {
    expect(guard(withSecret()).findings.map((f) => f.ruleId)).toEqual(['AZA005']);
  });

  test('a dated migration window allows it, and the suppression travels in the JSON', () => {
    const stack = withSecret('2027-01-31');
    expect(guard(stack).findings).toEqual([]);
    const json = stack.toTerraform() as any;
    expect(json.resource.azuread_application_password.secret['//']['cdktf-azure-access']).toEqual({
      suppressions: [{ ruleId: 'AZA005', reason: 'migrating to uai-ordering-api', until: '2027-01-31' }],
    });
  });

  test('once the date passes, the secret fails again and the expired suppression is a finding of its own', () => {
    const { findings } = guard(withSecret('2026-11-26'));
    expect(findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['AZA005', 'application password of ordering-legacy (ends 2027-03-31T00:00:00Z).'],
      ['AZA012', 'the suppression of AZA005 ("migrating to uai-ordering-api") ended on 2026-11-26.'],
    ]);
  });

  test('a secret cannot be suppressed without an end date', () => {
    const stack = newStack('legacy');
    const app = new Application(stack, 'app', { displayName: 'ordering-legacy' });
    const password = new ApplicationPassword(stack, 'secret', { applicationId: app.id });
    AccessGuard.suppress(password, 'AZA005', { reason: 'forever' });
    expect(guard(stack).findings.map((f) => f.ruleId)).toEqual(['AZA005']);
  });

  test('suppressing a construct covers every resource under it', () => {
    const stack = newStack('ordering');
    const { api } = seed(stack);
    api.grant(BuiltInRole.CONTRIBUTOR, Scope.resourceGroup(SUBSCRIPTION, 'rg-ordering'));
    const unsuppressed = newStack('ordering');
    seed(unsuppressed).api.grant(BuiltInRole.CONTRIBUTOR, Scope.resourceGroup(SUBSCRIPTION, 'rg-ordering'));
    expect(guard(unsuppressed).findings.map((f) => f.ruleId)).toEqual(['AZA004']);
    AccessGuard.suppress(api, 'AZA004', { reason: 'deploys the app during the pilot', until: '2027-01-01' });
    // The suppression on the identity covers its grant's finding.
    expect(guard(stack).findings).toEqual([]);
  });

  test.each([
    ['AZ1', { reason: 'x' }, /"AZ1" is not a rule ID \(AZA001 to AZA0\d\d/],
    ['AZA005', { reason: ' ' }, /suppressing AZA005 needs a reason/],
    ['AZA005', { reason: 'x', until: '2027-13-45' }, /until "2027-13-45" is not a date; write it YYYY-MM-DD/],
    ['AZA005', { reason: 'x', until: '2027-02-30' }, /until "2027-02-30" is not a date/],
  ])('refuses %s %j', (ruleId, options, message) => {
    const stack = newStack('legacy');
    const password = new ApplicationPassword(stack, 'secret', { applicationId: 'x' });
    expect(() => AccessGuard.suppress(password, ruleId, options)).toThrow(message);
  });
});


describe('what the constructs cannot know alone, the guard judges', () => {
  test('Owner active until 2099 is standing Owner by another name; one that ended is refused by Azure', () => {
    const stack = newStack('pim');
    const { rg } = appResources(stack);
    const active = (id: string, end: string) => new ActiveRoleAssignment(stack, id, {
      principal: Principal.user('eeeeeeee-1111-2222-3333-ffffffffffff', 'ada'),
      role: BuiltInRole.OWNER,
      scope: Scope.of(rg),
      justification: 'migration',
      schedule: PimSchedule.until(end),
    });
    active('Forever', '2099-01-01T00:00:00Z');
    active('Over', '2026-11-01T00:00:00Z');
    const { findings } = guard(stack);
    expect(findings.filter((f) => ['AZA019', 'AZA020'].includes(f.ruleId)).map((f) => [f.ruleId, f.constructPath, f.message])).toEqual([
      ['AZA019', 'pim/Forever/Resource', 'human ada holds "Owner" active at ${azurerm_resource_group.rg.id} until 2099-01-01T00:00:00Z, more than 365 days from 2026-11-27.'],
      ['AZA020', 'pim/Over/Resource', 'the active assignment of "Owner" to human ada ended on 2026-11-01T00:00:00Z, before 2026-11-27.'],
    ]);
  });

  test('a group holding standing Contributor, and a vault role granted on a storage account', () => {
    const stack = newStack('grants');
    const { rg, storage } = appResources(stack);
    Principal.group(PLATFORM, 'platform-ops').grant(BuiltInRole.CONTRIBUTOR, Scope.of(rg));
    const api = new WorkloadIdentity(stack, 'Api', { name: 'uai-api', resourceGroupName: 'rg', location: 'eastus', owner: 'team' });
    api.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(storage));
    const { findings } = guard(stack);
    const byRule = (id: string) => findings.filter((f) => f.ruleId === id);
    expect(byRule('AZA017').map((f) => f.message)).toEqual(['group platform-ops holds "Contributor" (write access) standing at ${azurerm_resource_group.rg.id}.']);
    expect(byRule('AZA018').map((f) => [f.message, f.fix])).toEqual([[
      'managed identity uai-api holds "Key Vault Secrets User" at stordering, a Microsoft.Storage resource, but its data actions are microsoft.keyvault operations: it grants nothing there.',
      expect.stringMatching(/^Grant a data role of Microsoft\.Storage instead \(for example "[^"]+", "[^"]+", "[^"]+"\), or grant "Key Vault Secrets User" on a resource of its own provider\.$/),
    ]]);
  });
});
