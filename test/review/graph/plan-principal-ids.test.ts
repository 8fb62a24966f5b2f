import { PrincipalKind } from '../../../src/model/principal-kind';
import { declaredAccessOf } from '../../../src/review/audit/declared-access';
import { diffGraphs } from '../../../src/review/diff/diff-graphs';
import { diffPlan } from '../../../src/review/diff/diff-plan';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readJsonText } from '../../../src/review/reader/read-inputs';
import { buildReport } from '../../../src/review/report/access-report';

// A plan of changes on top of what exists: the identities are there already, so their IDs are
// known and the new role assignments name them by ID, not by reference.
const UAI_ID = '11111111-aaaa-4bbb-8ccc-222222222222';
const APP_ID = '55555555-aaaa-4bbb-8ccc-666666666666';
const STRANGER = '77777777-aaaa-4bbb-8ccc-888888888888';
const RG = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg';

function resource(type: string, name: string, values: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { address: `${type}.${name}`, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/azurerm', values, ...extra };
}

function graphOfPlan(plan: unknown, file = 'plan.json'): AccessGraph {
  const [source] = readJsonText(file, JSON.stringify(plan));
  return AccessGraph.fromDocuments([{ file: source.file, document: source.document }]);
}

const PLAN_OF_EXISTING = {
  format_version: '1.2',
  planned_values: {
    root_module: {
      resources: [
        resource('azurerm_user_assigned_identity', 'api', { name: 'uai-api', resource_group_name: 'rg', location: 'eastus', principal_id: UAI_ID.toUpperCase() }),
        resource('azurerm_linux_web_app', 'web', { name: 'app-web', identity: [{ type: 'SystemAssigned', principal_id: APP_ID, identity_ids: [] }] }),
        resource('azurerm_role_assignment', 'api', { scope: RG, role_definition_name: 'Reader', principal_id: UAI_ID }),
        resource('azurerm_role_assignment', 'web', { scope: RG, role_definition_name: 'Reader', principal_id: APP_ID }),
        resource('azurerm_role_assignment', 'stranger', { scope: RG, role_definition_name: 'Reader', principal_id: STRANGER }),
      ],
    },
  },
};

function planGraph(): AccessGraph {
  return graphOfPlan(PLAN_OF_EXISTING);
}

describe('a plan names principals that exist already by their IDs', () => {
  test('an ID the plan states for one of its own principals is that principal, as its reference would be', () => {
    const graph = planGraph();
    expect(graph.grants.map((g) => [g.origin.address, g.principal.name, g.principal.kind, g.principal.written])).toEqual([
      ['azurerm_role_assignment.api', 'uai-api', PrincipalKind.MANAGED_IDENTITY, UAI_ID],
      ['azurerm_role_assignment.web', 'app-web (system-assigned)', PrincipalKind.MANAGED_IDENTITY, APP_ID],
      ['azurerm_role_assignment.stranger', STRANGER, 'unknown', STRANGER],
    ]);
    const identity = graph.identities.find((i) => i.origin.address === 'azurerm_user_assigned_identity.api')!;
    expect(graph.grants[0].principal.key).toBe(identity.principal.key);
  });

  test('so the identity is not listed as one with no grant, and the grant is not a stranger\'s', () => {
    const report = buildReport(planGraph());
    expect(report.identitiesWithoutGrant).toEqual([]);
    expect(report.rows.map((r) => [r.principal, r.principalKind, r.scope])).toEqual([
      ['uai-api', PrincipalKind.MANAGED_IDENTITY, RG],
      ['app-web (system-assigned)', PrincipalKind.MANAGED_IDENTITY, RG],
      [STRANGER, 'unknown', RG],
    ]);
  });
});

describe('the declared principal behind an ID, wherever the plan declares it', () => {
  const WORKER_ID = '99999999-aaaa-4bbb-8ccc-000000000001';
  const GROUP_ID = '99999999-aaaa-4bbb-8ccc-000000000002';

  test('a for_each identity of a child module, named from the root; a looked-up group, by its object ID', () => {
    const worker = resource('azurerm_user_assigned_identity', 'worker', { name: 'uai-worker-a', principal_id: WORKER_ID }, { address: 'module.app.azurerm_user_assigned_identity.worker["a"]', index: 'a' });
    const group = { ...resource('azuread_group', 'ops', { display_name: 'ops', object_id: GROUP_ID }), address: 'data.azuread_group.ops', mode: 'data' };
    const graph = graphOfPlan({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            group,
            resource('azurerm_role_assignment', 'worker', { scope: RG, role_definition_name: 'Reader', principal_id: WORKER_ID }),
            resource('azurerm_role_assignment', 'ops', { scope: RG, role_definition_name: 'Reader', principal_id: GROUP_ID, principal_type: 'Group' }),
          ],
          child_modules: [{ address: 'module.app', resources: [worker] }],
        },
      },
    });
    expect(graph.grants.map((g) => [g.origin.address, g.principal.name, g.principal.kind])).toEqual([
      ['azurerm_role_assignment.worker', 'uai-worker-a', PrincipalKind.MANAGED_IDENTITY],
      ['azurerm_role_assignment.ops', 'ops', PrincipalKind.GROUP],
    ]);
  });

  test('two blocks that state one ID: the identity itself, not the cluster that points at it', () => {
    const graph = graphOfPlan({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            resource('azurerm_kubernetes_cluster', 'aks', { name: 'aks1', kubelet_identity: [{ object_id: WORKER_ID, user_assigned_identity_id: '/subscriptions/x' }] }),
            resource('azurerm_user_assigned_identity', 'kubelet', { name: 'uai-kubelet', principal_id: WORKER_ID }),
            resource('azurerm_role_assignment', 'acr', { scope: RG, role_definition_name: 'AcrPull', principal_id: WORKER_ID }),
          ],
        },
      },
    });
    expect(graph.grants.map((g) => g.principal.name)).toEqual(['uai-kubelet']);
  });

  test('an identity whose address reads back as no reference (a key with "]") leaves the ID as written', () => {
    const odd = resource('azurerm_user_assigned_identity', 'odd', { name: 'uai-odd', principal_id: WORKER_ID }, { address: 'azurerm_user_assigned_identity.odd["a]b"]', index: 'a]b' });
    const graph = graphOfPlan({
      format_version: '1.2',
      planned_values: { root_module: { resources: [odd, resource('azurerm_role_assignment', 'odd', { scope: RG, role_definition_name: 'Reader', principal_id: WORKER_ID })] } },
    });
    expect(graph.grants.map((g) => [g.principal.name, g.principal.kind])).toEqual([[WORKER_ID, 'unknown']]);
  });

  test('one identity keeps one stable key: the same plan read from two files has no access change', () => {
    const base = graphOfPlan(JSON.parse(JSON.stringify(PLAN_OF_EXISTING)), 'before.json');
    const head = graphOfPlan(PLAN_OF_EXISTING, 'after.json');
    expect(base.grants).toHaveLength(3);
    expect(diffGraphs(base, head).changes).toEqual([]);
    expect(head.grants[0].principal.stableKey).toBe('managed-identity:uai-api');
  });

  test('inside one plan, a grant to a looked-up group is the same before and after: no change', () => {
    const unchanged = (r: ReturnType<typeof resource>) => ({ ...r, change: { actions: ['no-op'], before: r.values, after: r.values } });
    const group = { ...resource('azuread_group', 'ops', { display_name: 'ops', object_id: GROUP_ID }), address: 'data.azuread_group.ops', mode: 'data' };
    const grant = resource('azurerm_role_assignment', 'ops', { scope: RG, role_definition_name: 'Reader', principal_id: GROUP_ID, principal_type: 'Group' });
    const plan = { format_version: '1.2', planned_values: { root_module: { resources: [group, grant] } }, resource_changes: [unchanged(grant)] };
    const [source] = readJsonText('plan.json', JSON.stringify(plan));
    expect(graphOfPlan(plan).grants.map((g) => g.principal.name)).toEqual(['ops']);
    expect(diffPlan(source).changes).toEqual([]);
  });

  test('audit still matches the live assignment by the ID the plan wrote', () => {
    const declared = declaredAccessOf(planGraph());
    expect(declared.map((d) => d.principalId)).toEqual([UAI_ID, APP_ID, STRANGER]);
  });
});
