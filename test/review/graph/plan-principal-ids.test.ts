import { PrincipalKind } from '../../../src/model/principal-kind';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readJsonText } from '../../../src/review/reader/read-inputs';
import { buildReport } from '../../../src/review/report/access-report';

// A plan of changes on top of what exists: the identities are there already, so their IDs are
// known and the new role assignments name them by ID, not by reference.
const UAI_ID = '11111111-aaaa-4bbb-8ccc-222222222222';
const APP_ID = '55555555-aaaa-4bbb-8ccc-666666666666';
const STRANGER = '77777777-aaaa-4bbb-8ccc-888888888888';
const RG = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg';

function resource(type: string, name: string, values: Record<string, unknown>) {
  return { address: `${type}.${name}`, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/azurerm', values };
}

function planGraph(): AccessGraph {
  const plan = {
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
  const [source] = readJsonText('plan.json', JSON.stringify(plan));
  return AccessGraph.fromDocuments([{ file: source.file, document: source.document }]);
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
