import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { newStack, OWNER_GUID, PLATFORM_GROUP, resourceGroup, resources, SECURITY_GROUP, synth, UAA_GUID, USER } from './pim-test-support';
import { JustInTimeAccess, JustInTimeAccessProps } from '../../src';
import { Principal } from '../../src/identity/principal';
import { Duration } from '../../src/model/duration';
import { reachOfGraph } from '../../src/review/escalation/reach';
import { AccessGraph } from '../../src/review/graph/access-graph';
import { BuiltInRole } from '../../src/roles/built-in-role.generated';
import { Scope } from '../../src/scope/scope';

const ELIGIBLE = 'azurerm_pim_eligible_role_assignment';
const POLICY = 'azurerm_role_management_policy';

/**
 * The seed scenario: Owner and User Access Administrator eligible for a platform group at a
 * resource group for 180 days; activation at most 1 hour, approved by a security group, MFA
 * and justification required.
 */
function platformAdmins(stack: TerraformStack): JustInTimeAccess {
  const rg = resourceGroup(stack);
  return new JustInTimeAccess(stack, 'PlatformAdmins', {
    principals: [Principal.group(PLATFORM_GROUP, 'platform-admins')],
    roles: [BuiltInRole.OWNER, BuiltInRole.USER_ACCESS_ADMINISTRATOR],
    scope: Scope.of(rg),
    eligibleFor: Duration.days(180),
    activation: {
      maxDuration: Duration.hours(1),
      approvers: [Principal.group(SECURITY_GROUP, 'security-approvers')],
      requireMfa: true,
      requireJustification: true,
    },
  });
}

describe('JustInTimeAccess: the seed scenario', () => {
  const { stack } = newStack('platform');
  const jit = platformAdmins(stack);
  const json = synth(stack);

  test('snapshot', () => {
    expect(json).toMatchSnapshot();
  });

  test('one eligibility per principal and role, each at the resource group, for 180 days', () => {
    const eligibilities = resources(json, ELIGIBLE);
    expect(eligibilities).toHaveLength(2);
    expect(jit.eligibilities).toHaveLength(2);
    for (const e of eligibilities) {
      expect(e.scope).toBe('${azurerm_resource_group.rg.id}');
      expect(e.principal_id).toBe(PLATFORM_GROUP);
      expect(e.schedule).toEqual({ expiration: { duration_days: 180 } });
      expect(e.justification).toMatch(/^Just-in-time eligibility for /);
    }
    const guids = eligibilities.map((e) => /roleDefinitions\/(.*)$/.exec(e.role_definition_id)![1]).sort();
    expect(guids).toEqual([UAA_GUID, OWNER_GUID].sort());
    expect(eligibilities[0].role_definition_id).toMatch(/^\/subscriptions\/\$\{element\(split\("\/", azurerm_resource_group\.rg\.id\), 2\)\}\/providers\//);
  });

  test('one activation policy per role at that scope: 1 hour, approval by the security group, MFA, justification', () => {
    const policies = resources(json, POLICY);
    expect(policies).toHaveLength(2);
    expect(jit.policies).toHaveLength(2);
    for (const p of policies) {
      expect(p.scope).toBe('${azurerm_resource_group.rg.id}');
      expect(p.activation_rules).toEqual({
        maximum_duration: 'PT1H',
        require_approval: true,
        approval_stage: { primary_approver: [{ object_id: SECURITY_GROUP, type: 'Group' }] },
        require_multifactor_authentication: true,
        require_justification: true,
        require_ticket_info: false,
      });
      // Eligibility longer than 180 days cannot be made for these roles at this scope.
      expect(p.eligible_assignment_rules).toEqual({ expiration_required: true, expire_after: 'P180D' });
    }
  });

  test('the approvers are recorded by name, so the review says "group security-approvers", never the bare object ID', () => {
    // The stack's JSON as the guard and cdktf.out hold it, its "//" metadata included (Testing.synth leaves it out).
    const full = stack.toTerraform() as any;
    const policies = resources(full, POLICY);
    expect(policies).toHaveLength(2);
    for (const p of policies) {
      expect(p['//']['cdktf-azure-access'].approvers).toEqual([{ id: SECURITY_GROUP, kind: 'group', name: 'security-approvers' }]);
    }
    const graph = AccessGraph.fromDocuments([{ file: 'cdk.tf.json', document: full }]);
    expect(graph.policies.map((p) => p.approvers.map((a) => [a.principal.kind, a.principal.name]))).toEqual([
      [['group', 'security-approvers']], [['group', 'security-approvers']],
    ]);
    const eligibleSteps = reachOfGraph(graph).chains.flatMap((c) => c.steps).map((step) => step.description).filter((d) => d.includes('approved by'));
    expect(eligibleSteps.length).toBeGreaterThan(0);
    for (const step of eligibleSteps) {
      expect(step).toContain('approved by group security-approvers');
      expect(step).not.toContain(SECURITY_GROUP);
    }
  });

  test('each eligibility waits for its role policy', () => {
    const owner = jit.eligibilityOf(Principal.group(PLATFORM_GROUP), BuiltInRole.OWNER)!;
    const policy = jit.policyFor(BuiltInRole.OWNER)!;
    expect(owner.role).toBe(BuiltInRole.OWNER);
    expect(policy.role).toBe(BuiltInRole.OWNER);
    const address = Object.entries(json.resource[POLICY]).find(([, p]: [string, any]) => p.role_definition_id.endsWith(OWNER_GUID))![0];
    const eligibility = Object.values(json.resource[ELIGIBLE]).find((e: any) => e.role_definition_id.endsWith(OWNER_GUID)) as any;
    expect(eligibility.depends_on).toEqual([`${POLICY}.${address}`]);
  });

  test('nothing active and standing', () => {
    expect(json.resource.azurerm_role_assignment).toBeUndefined();
    expect(json.resource.azurerm_pim_active_role_assignment).toBeUndefined();
    expect(Object.keys(json.resource).sort()).toEqual(['azurerm_pim_eligible_role_assignment', 'azurerm_resource_group', 'azurerm_role_management_policy']);
  });
});

describe('JustInTimeAccess', () => {
  test('synthesizing twice gives byte-identical JSON', () => {
    const first = newStack('platform');
    platformAdmins(first.stack);
    const second = newStack('platform');
    platformAdmins(second.stack);
    expect(Testing.synth(first.stack)).toBe(Testing.synth(second.stack));
    expect(JSON.stringify(first.stack.toTerraform())).toBe(JSON.stringify(second.stack.toTerraform()));
  });

  test('the clock does not reach the JSON: the same app at two different times synthesizes the same bytes', () => {
    const at = (now: string): string => {
      jest.useFakeTimers({ now: Date.parse(now) });
      try {
        const { stack } = newStack('platform');
        platformAdmins(stack);
        return Testing.synth(stack);
      } finally {
        jest.useRealTimers();
      }
    };
    expect(at('2020-01-01T00:00:00Z')).toBe(at('2031-06-30T12:34:56Z'));
  });

  test('several principals and roles, with a literal scope, a start and the shortest covering expiry', () => {
    const { stack } = newStack();
    const scope = Scope.resourceGroup('11111111-2222-3333-4444-555555555555', 'rg-platform');
    new JustInTimeAccess(stack, 'Jit', {
      principals: [Principal.group(PLATFORM_GROUP, 'platform-admins'), Principal.user(USER, 'jdoe@contoso.example')],
      roles: [BuiltInRole.CONTRIBUTOR],
      scope,
      eligibleFor: Duration.days(20),
      eligibleFrom: '2025-07-01T08:00:00Z',
      activation: { maxDuration: Duration.hours(4) },
      justification: 'Release weekend',
    });
    const json = synth(stack);
    const eligibilities = resources(json, ELIGIBLE);
    expect(eligibilities.map((e) => e.principal_id).sort()).toEqual([PLATFORM_GROUP, USER].sort());
    for (const e of eligibilities) {
      expect(e.scope).toBe(scope.id);
      expect(e.justification).toBe('Release weekend');
      expect(e.schedule).toEqual({ start_date_time: '2025-07-01T08:00:00Z', expiration: { duration_days: 20 } });
    }
    const [policy] = resources(json, POLICY);
    expect(policy.scope).toBe(scope.id);
    expect(policy.eligible_assignment_rules).toEqual({ expiration_required: true, expire_after: 'P30D' });
    expect(policy.activation_rules).toMatchObject({ maximum_duration: 'PT4H', require_approval: false, require_multifactor_authentication: true });
    expect(Object.keys(json.resource[ELIGIBLE]).every((name) => /Contributor/.test(name))).toBe(true);
  });

  describe('refuses', () => {
    function make(overrides: Partial<JustInTimeAccessProps>): void {
      const { stack } = newStack();
      new JustInTimeAccess(stack, 'Bad', {
        principals: [Principal.group(PLATFORM_GROUP)],
        roles: [BuiltInRole.OWNER],
        scope: Scope.resourceGroup('11111111-2222-3333-4444-555555555555', 'rg'),
        eligibleFor: Duration.days(30),
        activation: { maxDuration: Duration.hours(1) },
        ...overrides,
      });
    }

    test.each([
      ['no principal', { principals: [] }, /pim\/Bad: principals is empty\. Accepted: one or more, e\.g\. Principal\.group/],
      ['no role', { roles: [] }, /pim\/Bad: roles is empty\. Accepted: one or more, e\.g\. BuiltInRole\.OWNER/],
      ['a role twice', { roles: [BuiltInRole.OWNER, BuiltInRole.OWNER] }, /pim\/Bad: roles lists Owner twice \(positions 0 and 1\)\. Accepted: each once/],
      ['a principal twice', { principals: [Principal.group(PLATFORM_GROUP), Principal.group(PLATFORM_GROUP.toUpperCase())] }, /pim\/Bad: principals lists .* twice.*Accepted: each once/],
      ['a workload', { principals: [Principal.existingManagedIdentity(USER, 'uai')] }, /pim\/Bad\/Owner\/Eligible-uai: principal uai is of kind "managed-identity"; PIM is for people/],
      ['more than 365 days', { eligibleFor: Duration.days(400) }, /pim\/Bad: eligibleFor 400 days \(P400D\) is longer than any eligible assignment Azure allows.*Accepted: up to Duration\.days\(365\)/],
      [
        'eligibility longer than the policy allows',
        { eligibleFor: Duration.days(100), eligibleAssignments: { expireAfter: Duration.days(90) } },
        /pim\/Bad: eligibleFor 100 days \(P100D\) is longer than the policy's eligibleAssignments expireAfter 90 days \(P90D\).*Accepted: eligibleFor no longer than expireAfter/,
      ],
      ['minutes', { eligibleFor: Duration.minutes(90) }, /pim\/Bad\/Owner\/Eligible-.*: schedule duration 90 minutes \(PT1H30M\) is not whole hours.*Accepted: Duration\.days\(n\) or Duration\.hours\(n\)/],
      ['a start from nowhere', { eligibleFrom: 'tomorrow' }, /pim\/Bad\/Owner\/Eligible-.*: schedule start "tomorrow" is not an ISO 8601 date-time\. Accepted: /],
      ['approval without approver', { activation: { requireApproval: true } }, /pim\/Bad\/Owner\/Policy: activation requires approval but lists no approver\. Accepted: /],
      [
        'an approver who is also eligible',
        { activation: { requireApproval: true, approvers: [Principal.group(PLATFORM_GROUP.toUpperCase(), 'platform-admins')] } },
        /^pim\/Bad: platform-admins is both eligible and an approver, so its members would approve each other's activations\. Accepted: approvers who are not among the principals/,
      ],
      ['a missing activation', { activation: undefined }, /pim\/Bad: activation is missing\. Accepted: activation rules/],
      ['a missing eligibleFor', { eligibleFor: undefined }, /pim\/Bad: eligibleFor is missing\. Accepted: a Duration in whole hours or days/],
    ])('%s', (_name, overrides, message) => {
      expect(() => make(overrides as Partial<JustInTimeAccessProps>)).toThrow(message);
    });

    test('a second JustInTimeAccess for the same role and scope in one app', () => {
      const app = new App({ outdir: Testing.app().outdir });
      platformAdmins(new TerraformStack(app, 'one'));
      const two = new TerraformStack(app, 'two');
      const rg = resourceGroup(two);
      expect(
        () =>
          new JustInTimeAccess(two, 'Again', {
            principals: [Principal.user(USER)],
            roles: [BuiltInRole.OWNER],
            scope: Scope.of(rg),
            eligibleFor: Duration.days(30),
            activation: {},
          }),
      ).not.toThrow(); // another stack's resource group is another scope
      expect(
        () =>
          new JustInTimeAccess(two, 'Twice', {
            principals: [Principal.user(USER)],
            roles: [BuiltInRole.OWNER],
            scope: Scope.of(rg),
            eligibleFor: Duration.days(30),
            activation: {},
          }),
      ).toThrow(/^two\/Twice\/Owner\/Policy: a policy for "Owner" at azurerm_resource_group two\/rg is already declared at two\/Again\/Owner\/Policy/);
    });
  });
});

describe('no clock at synth', () => {
  // The construct code: what it writes must not depend on when it runs. The one exception decides
  // and writes nothing: an unguarded grant judges its suppression's end date against today, as the
  // guard does.
  const src = path.join(__dirname, '../../src');
  const decidesOnly = ['grants/wide-scope-check.ts'];
  const files = ['pim', 'grants', 'identity', 'scope'].flatMap((dir) =>
    readdirSync(path.join(src, dir)).filter((f) => f.endsWith('.ts')).map((f) => `${dir}/${f}`)).filter((f) => !decidesOnly.includes(f));
  test('there are construct files to check', () => expect(files.length).toBeGreaterThan(30));
  test.each(files)('%s reads no clock', (file) => {
    const source = readFileSync(path.join(src, file), 'utf8');
    expect(source).not.toMatch(/new Date\(\s*\)|Date\.now\(|currentUtcDate\(/);
  });
});
