import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { openGraphErrors } from './opengraph-schema';
import { OrderingApiStack, PLATFORM_GROUP_ID } from '../../../examples/ordering-api/ordering-api-stack';
import { isPostProcessedEdgeKind, postProcessedEdgeKinds, uploadableEdgeKind } from '../../../src/review/export/bloodhound-post-processed';
import { OpenGraphDocument, OpenGraphEdge, OpenGraphNode } from '../../../src/review/export/opengraph';
import { renderOpenGraphParts } from '../../../src/review/export/render-opengraph';
import { cli } from '../../cli/run-cli';

/**
 * `report --format opengraph` and `audit --format opengraph`: the access graph as BloodHound
 * OpenGraph JSON, checked against SpecterOps' own node, edge and metadata schemas.
 */

const CONTRACTOR_DIR = 'test/fixtures/tenant/contractor';
const CONTRACTOR = `${CONTRACTOR_DIR}/main.tf`;
const LIVE = `${CONTRACTOR_DIR}/live.json`;
const IDENTITIES = `${CONTRACTOR_DIR}/identities.json`;
const SUB = '11111111-2222-3333-4444-555555555555';
const CONTRACTOR_ID = 'CCCCCCCC-7777-8888-9999-DDDDDDDDDDDD';
const ACCOUNT_IDENTITY = 'DDDDDDDD-1234-5678-9ABC-EEEEEEEEEEEE';
const OWNER_GUID = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'azure-access-opengraph-'));

function synthExample(): string {
  const outdir = tmp();
  const app = new App({ outdir });
  new OrderingApiStack(app, 'ordering-api', { today: '2026-11-27' });
  app.synth();
  return outdir;
}

async function openGraph(argv: string[], expectedCode = 0): Promise<{ document: OpenGraphDocument; stdout: string }> {
  const { code, stdout, stderr } = await cli(argv);
  expect(stderr).toBe('');
  expect(code).toBe(expectedCode);
  return { document: JSON.parse(stdout), stdout };
}

const nodeOf = (document: OpenGraphDocument, id: string): OpenGraphNode | undefined => document.graph.nodes.find((n) => n.id === id);
const edgesOf = (document: OpenGraphDocument, kind: string): OpenGraphEdge[] => document.graph.edges.filter((e) => e.kind === kind);

describe('report --format opengraph of the README example', () => {
  let example: OpenGraphDocument;
  let text: string;
  beforeAll(async () => {
    ({ document: example, stdout: text } = await openGraph(['report', '--format', 'opengraph', synthExample()]));
  }, 120_000);

  test('validates against BloodHound\'s node, edge and metadata schemas, and holds every grant and eligibility', () => {
    expect(openGraphErrors(example)).toEqual([]);
    // Two standing grants and two eligibilities (the README's table), and the function app's two identities on it.
    expect(example.graph.edges.map((e) => e.kind).sort()).toEqual([
      'AZA_AzureRole', 'AZA_AzureRole', 'AZA_AzureRoleEligible', 'AZA_AzureRoleEligible', 'AZManagedIdentity', 'AZManagedIdentity',
    ]);
    const runsAs = edgesOf(example, 'AZManagedIdentity');
    expect(runsAs.map((e) => nodeOf(example, e.start.value)?.properties.name)).toEqual(['func-ordering-api', 'func-ordering-api']);
    expect(runsAs.map((e) => nodeOf(example, e.end.value)?.properties.name).sort()).toEqual(['func-ordering-api (system-assigned)', 'uai-ordering-api']);
    expect(example.graph.nodes.length).toBeGreaterThanOrEqual(7);
    expect(example.metadata).toEqual({ source_kind: 'AZBase' });
  });

  test('the checks are not vacuous: a fourth kind, an object property or a kind with a hyphen is refused', () => {
    const [node] = example.graph.nodes;
    const [edge] = example.graph.edges;
    const broken = {
      ...example,
      graph: {
        nodes: [{ ...node, kinds: [...node.kinds, 'A', 'B', 'C'] }, { ...node, properties: { nested: { no: 1 } } }],
        edges: [{ ...edge, kind: 'AZ-Owner' }, { start: edge.start, end: edge.end, kind: edge.kind }],
      },
    };
    expect(openGraphErrors(broken)).toEqual([
      expect.stringMatching(/^\/graph\/nodes\/0\/kinds: has \d items, more than 3$/),
      '/graph/nodes/1/properties/nested: is object, not string or number or boolean or array',
      '/graph/edges/0/kind: "AZ-Owner" does not match ^[A-Za-z0-9_]+$',
      '/graph/edges/1/: lacks properties',
    ]);
  });

  test('nodes have BloodHound\'s kinds where one fits, at most three each; the eligible group is known by its object ID', () => {
    for (const node of example.graph.nodes) expect(node.kinds.length).toBeGreaterThanOrEqual(1);
    for (const node of example.graph.nodes) expect(node.kinds.length).toBeLessThanOrEqual(3);
    const group = nodeOf(example, PLATFORM_GROUP_ID.toUpperCase());
    expect(group?.kinds).toEqual(['AZGroup']);
    const kindsByName = new Map(example.graph.nodes.map((n) => [n.properties.name, n.kinds]));
    expect(kindsByName.get('uai-ordering-api')).toEqual(['AZServicePrincipal', 'AZA_ManagedIdentity']);
    expect(kindsByName.get('kv-ordering-api')).toEqual(['AZKeyVault']);
    expect(kindsByName.get('rg-ordering-api')).toEqual(['AZResourceGroup']);
    expect(kindsByName.get('func-ordering-api')).toEqual(['AZFunctionApp']);
    // A storage account: BloodHound has no kind for it.
    expect(kindsByName.get('stordering')).toEqual(['AZA_Resource']);
  });

  test('every edge is the code\'s, with its Terraform address and file; the eligible Owner names its role and scope', () => {
    for (const edge of example.graph.edges) {
      expect(edge.properties.origin).toBe('code');
      expect(edge.properties.terraform_address).toEqual(expect.any(String));
      expect(edge.properties.terraform_file).toMatch(/stacks\/ordering-api\/cdk\.tf\.json$/);
    }
    const owner = edgesOf(example, 'AZA_AzureRoleEligible').find((e) => e.properties.role === 'Owner')!;
    expect(owner.properties).toMatchObject({ role_id: OWNER_GUID, scope: '${azurerm_resource_group.rg.id}', scope_level: 'resource-group', expiry: 'P180D' });
    expect(owner.start.value).toBe(PLATFORM_GROUP_ID.toUpperCase());
    expect(nodeOf(example, owner.end.value)?.properties.name).toBe('rg-ordering-api');
  });

  test('no kind BloodHound computes after ingest is uploaded; such a kind becomes this project\'s', () => {
    expect(example.graph.edges.filter((e) => isPostProcessedEdgeKind(e.kind))).toEqual([]);
    expect(postProcessedEdgeKinds()).toEqual(expect.arrayContaining(['AZAddOwner', 'AZMGAddSecret', 'AZMGGrantRole', 'AZAddSecret', 'AZGlobalAdmin']));
    expect(uploadableEdgeKind('AZAddOwner')).toBe('AZA_AddOwner');
    expect(uploadableEdgeKind('AZMGGrantRole')).toBe('AZA_MGGrantRole');
    expect(uploadableEdgeKind('AZOwner')).toBe('AZOwner');
  });

  test('the same input gives the same bytes, nodes sorted by ID and edges by their ends', async () => {
    const again = await cli(['report', '--format', 'opengraph', synthExample()]);
    // Another synthesis directory: the files' names differ, nothing else.
    const normalized = (t: string) => t.replace(/\/tmp\/[^/"]+\//g, '<outdir>/').replace(/azure-access-opengraph-[A-Za-z0-9]+/g, '<outdir>');
    expect(normalized(again.stdout)).toBe(normalized(text));
    const ids = example.graph.nodes.map((n) => n.id);
    expect(ids).toEqual([...ids].sort());
    const ends = example.graph.edges.map((e) => `${e.start.value}\u0000${e.end.value}`);
    expect(ends).toEqual([...ends].sort());
  }, 120_000);
});

describe('the Entra half', () => {
  test('a directory role is AZHasRole to an AZRole node by template ID; a Graph permission BloodHound names no edge for is this project\'s', async () => {
    const { document } = await openGraph(['report', '--format', 'opengraph', 'test/fixtures/cli/entra-repo']);
    expect(openGraphErrors(document)).toEqual([]);
    const [hasRole] = edgesOf(document, 'AZHasRole');
    expect(nodeOf(document, hasRole.start.value)?.kinds).toEqual(['AZUser']);
    expect(nodeOf(document, hasRole.end.value)).toMatchObject({ kinds: ['AZRole'], properties: { name: 'Global Administrator', templateid: '62E90394-69F5-4237-9190-012177145E10' } });
    expect(hasRole.properties).toMatchObject({ origin: 'code', role: 'Global Administrator', directory_scope: '/' });
    const [permission] = edgesOf(document, 'AZA_AppRoleAssignment');
    expect(nodeOf(document, permission.end.value)).toMatchObject({ id: 'AZA:API:MICROSOFT-GRAPH', kinds: ['AZServicePrincipal'] });
    expect(document.graph.edges).toHaveLength(2);
  });
});

describe('code, tenant or both', () => {
  test('the contractor case: the contractor\'s grant is the code\'s, the account\'s identity and its Owner are the tenant\'s', async () => {
    const { document } = await openGraph(['report', '--format', 'opengraph', '--live-assignments', LIVE, '--identities', IDENTITIES, CONTRACTOR]);
    expect(openGraphErrors(document)).toEqual([]);
    const [contractor] = edgesOf(document, 'AZAutomationContributor');
    expect(contractor.start.value).toBe(CONTRACTOR_ID);
    expect(contractor.properties).toMatchObject({ origin: 'code', terraform_file: CONTRACTOR, terraform_address: 'azurerm_role_assignment.contractor' });
    // The account is the data source the code reads: the contractor's grant and the tenant's identity meet at it.
    const [identity] = edgesOf(document, 'AZManagedIdentity');
    expect(identity.start.value).toBe(contractor.end.value);
    expect(identity.end.value).toBe(ACCOUNT_IDENTITY);
    expect(identity.properties).toMatchObject({ origin: 'tenant', tenant_file: IDENTITIES, tenant_place: '/value/0' });
    const [owner] = edgesOf(document, 'AZOwner');
    expect(owner.start.value).toBe(ACCOUNT_IDENTITY);
    expect(owner.end.value).toBe(`/SUBSCRIPTIONS/${SUB}`);
    expect(owner.properties).toMatchObject({ origin: 'tenant', tenant_file: LIVE, tenant_place: '/0' });
    expect(owner.properties.terraform_address).toBeUndefined();
    expect(nodeOf(document, `/SUBSCRIPTIONS/${SUB}`)?.kinds).toEqual(['AZSubscription']);
    expect(document.graph.edges).toHaveLength(3);
  });

  test('a grant the code declares and the tenant holds is one edge, marked both, with the assignment\'s ID', async () => {
    const dir = tmp();
    const scope = `/subscriptions/${SUB}/resourceGroups/rg-ops`;
    writeFileSync(path.join(dir, 'main.tf'), `resource "azurerm_role_assignment" "reader" {
  scope              = "${scope}"
  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER_GUID}"
  principal_id       = "cccccccc-7777-8888-9999-dddddddddddd"
}
`);
    const live = JSON.parse(readFileSync(LIVE, 'utf8'));
    const declaredId = `${scope}/providers/Microsoft.Authorization/roleAssignments/30000000-aaaa-bbbb-cccc-000000000009`;
    live.push({ ...live[0], id: declaredId, principalId: 'cccccccc-7777-8888-9999-dddddddddddd', principalType: 'User', principalName: 'contractor@contoso.example', scope });
    writeFileSync(path.join(dir, 'live.json'), JSON.stringify(live));
    const argv = ['--format', 'opengraph', '--live-assignments', path.join(dir, 'live.json'), path.join(dir, 'main.tf')];
    for (const command of ['report', 'audit']) {
      const { code, stdout } = await cli([command, ...argv]);
      // audit: the tenant's Owner at the subscription for a managed identity is no error; the contractor's is a person's standing Owner (AUD003).
      expect(code).toBe(command === 'report' ? 0 : 1);
      const document: OpenGraphDocument = JSON.parse(stdout);
      expect(openGraphErrors(document)).toEqual([]);
      const owners = edgesOf(document, 'AZOwner');
      expect(owners.map((e) => [e.start.value, e.end.value, e.properties.origin])).toEqual([
        [CONTRACTOR_ID, scope.toUpperCase(), 'both'],
        [ACCOUNT_IDENTITY, `/SUBSCRIPTIONS/${SUB}`, 'tenant'],
      ]);
      expect(owners[0].properties).toMatchObject({ terraform_address: 'azurerm_role_assignment.reader', live_id: declaredId });
    }
  });
});

describe('audit --format opengraph', () => {
  test('the tenant\'s own graph beside the code\'s: the same edges as the report on the tenant, and the audit\'s exit code', async () => {
    const argv = ['--format', 'opengraph', '--live-assignments', LIVE, '--identities', IDENTITIES, CONTRACTOR];
    const { document } = await openGraph(['audit', '--today', '2026-11-27', ...argv], 0);
    expect(openGraphErrors(document)).toEqual([]);
    expect(document.graph.edges.map((e) => [e.kind, e.properties.origin]).sort()).toEqual([
      ['AZAutomationContributor', 'code'], ['AZManagedIdentity', 'tenant'], ['AZOwner', 'tenant'],
    ]);
    // --fail-on is the audit's, whatever the format.
    expect((await cli(['audit', '--today', '2026-11-27', '--fail-on', 'warning', ...argv])).code).toBe(1);
  });

  test('without code: every standing assignment of the export is the tenant\'s', async () => {
    const { document } = await openGraph(['audit', '--format', 'opengraph', '--fail-on', 'never', '--live-assignments', 'test/fixtures/audit/az-role-assignment-list.json']);
    expect(openGraphErrors(document)).toEqual([]);
    expect(document.graph.edges.length).toBeGreaterThan(0);
    expect(new Set(document.graph.edges.map((e) => e.properties.origin))).toEqual(new Set(['tenant']));
  });

  test('the order of the export does not matter: its items reversed give the same file', async () => {
    const exported = 'test/fixtures/audit/az-role-assignment-list.json';
    const argv = (file: string) => ['audit', '--format', 'opengraph', '--fail-on', 'never', '--live-assignments', file];
    const file = path.join(tmp(), 'reversed.json');
    const items = JSON.parse(readFileSync(exported, 'utf8'));
    expect(items.length).toBeGreaterThan(2);
    writeFileSync(file, JSON.stringify([...items].reverse()));
    const forward = (await cli(argv(exported))).stdout;
    // The same items, read from another file at other places: only the file's name and the places differ.
    const placeless = (t: string) => t.split(file).join(exported).replace(/"tenant_place":"\/\d+"/g, '"tenant_place":"/n"');
    expect(placeless((await cli(argv(file))).stdout)).toBe(placeless(forward));
  });

  test('--emit-imports - keeps standard output for the import blocks: opengraph is refused with it (exit 2)', async () => {
    const { code, stdout, stderr } = await cli(['audit', '--format', 'opengraph', '--emit-imports', '-', '--live-assignments', LIVE]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--format opengraph');
  });
});

describe('written in parts', () => {
  test('one part a node or edge, whose concatenation is the file', async () => {
    const { stdout } = await cli(['report', '--format', 'opengraph', '--live-assignments', LIVE, '--identities', IDENTITIES, CONTRACTOR]);
    const document: OpenGraphDocument = JSON.parse(stdout);
    const parts = renderOpenGraphParts(document);
    expect(parts.join('')).toBe(stdout);
    expect(parts.length).toBe(document.graph.nodes.length + document.graph.edges.length + 3);
    expect(stdout.split('\n').filter((line) => line.startsWith('      {'))).toHaveLength(parts.length - 3);
  });

  test('an empty graph is still a valid upload', () => {
    const text = renderOpenGraphParts({ metadata: { source_kind: 'AZBase' }, graph: { nodes: [], edges: [] } }).join('');
    expect(JSON.parse(text)).toEqual({ metadata: { source_kind: 'AZBase' }, graph: { nodes: [], edges: [] } });
  });

  test('an unknown format is a usage error (exit 2)', async () => {
    const { code, stderr } = await cli(['report', '--format', 'bloodhound', CONTRACTOR]);
    expect(code).toBe(2);
    expect(stderr).toContain('opengraph');
  });
});

describe('the tenant\'s Entra edges in the export', () => {
  test('audit --format opengraph holds the tenant\'s directory roles, each marked tenant', async () => {
    const { code, stdout } = await cli(['audit', '--format', 'opengraph', '--today', '2026-11-27', '--fail-on', 'never',
      '--live-assignments', 'test/fixtures/audit/az-role-assignment-list.json', '--live-directory-roles', 'test/fixtures/audit/graph-directory-role-assignments.json']);
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as OpenGraphDocument;
    expect(openGraphErrors(document)).toEqual([]);
    const roles = document.graph.edges.filter((e) => e.kind === 'AZHasRole');
    const exported = (JSON.parse(readFileSync('test/fixtures/audit/graph-directory-role-assignments.json', 'utf8')).value as unknown[]).length;
    expect(roles).toHaveLength(exported);
    for (const edge of roles) expect(edge.properties.origin).toBe('tenant');
  });
});
