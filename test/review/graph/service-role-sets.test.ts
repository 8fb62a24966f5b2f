import { readFileSync } from 'fs';
import * as path from 'path';
import { SERVICE_ROLE_SETS_DATA, SERVICE_ROLE_SETS_MODULE, renderServiceRoleSetsModule } from '../../../scripts/render-service-role-sets';
import { RuleId } from '../../../src/model/rule-id';
import { ScopeLevel } from '../../../src/model/scope-level';
import { evaluate } from '../../../src/policy/evaluate';
import { computeReach } from '../../../src/review/escalation/reach';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { SERVICE_ROLE_SETS } from '../../../src/review/graph/service-role-sets.generated';
import { readInputs } from '../../../src/review/reader/read-inputs';

const ROOT = path.resolve(__dirname, '../../..');
const COSMOS = 'Microsoft.DocumentDB/databaseAccounts';

async function graph() {
  const documents = await readInputs(['test/fixtures/reader/service-roles'], { env: {} });
  return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
}

const grantAt = (g: AccessGraph, address: string) => {
  const found = g.grants.filter((x) => x.origin.address === address);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('the service role sets come from data', () => {
  test('the committed module is what the data makes', () => {
    const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
    expect(read(SERVICE_ROLE_SETS_MODULE)).toEqual(renderServiceRoleSetsModule(read(SERVICE_ROLE_SETS_DATA)));
  });

  test('each set\'s widest role holds every data action of the set\'s other roles, and every action is its service\'s', () => {
    expect(SERVICE_ROLE_SETS.map((s) => s.id)).toEqual(['cosmosdb-sql', 'synapse']);
    for (const set of SERVICE_ROLE_SETS) {
      const widest = set.roles.find((r) => r.name === set.widest)!;
      const covered = (action: string) => widest.dataActions.some((w) => w === action || (w.endsWith('/*') && action.startsWith(w.slice(0, -1))));
      expect([set.id, set.roles.flatMap((r) => r.dataActions).filter((a) => !covered(a))]).toEqual([set.id, []]);
      expect(set.roles.flatMap((r) => r.dataActions).filter((a) => !a.startsWith(`${set.resourceType}/`))).toEqual([]);
    }
  });
});

describe('roles of other role systems are judged as their own', () => {
  test('Cosmos DB: built-ins by ID, a custom role by its data actions, a data source by its literal built-in ID', async () => {
    const g = await graph();
    const rows = ['contributor', 'custom', 'reader_by_data_source'].map((n) => grantAt(g, `azurerm_cosmosdb_sql_role_assignment.${n}`))
      .map((x) => [x.role.name, x.role.known, x.role.isReadOnly, x.role.role?.effectiveDataActions, x.role.service?.roleSet]);
    expect(rows).toEqual([
      ['Cosmos DB Built-in Data Contributor', true, false, [
        `${COSMOS}/readMetadata`, `${COSMOS}/sqlDatabases/containers/*`, `${COSMOS}/sqlDatabases/containers/items/*`,
      ], 'cosmosdb-sql'],
      ['Item Writer', true, false, [`${COSMOS}/sqlDatabases/containers/items/create`], 'cosmosdb-sql'],
      ['Cosmos DB Built-in Data Reader', true, true, [
        `${COSMOS}/readMetadata`, `${COSMOS}/sqlDatabases/containers/items/read`,
        `${COSMOS}/sqlDatabases/containers/executeQuery`, `${COSMOS}/sqlDatabases/containers/readChangeFeed`,
      ], 'cosmosdb-sql'],
    ]);
  });

  test('an unknown Cosmos DB role is the widest Cosmos DB data role at its account: no Azure access, no chain to User Access Administrator', async () => {
    const g = await graph();
    const unknown = grantAt(g, 'azurerm_cosmosdb_sql_role_assignment.unknown');
    const { role } = unknown;
    expect([role.name, role.known, role.canGrantAccess, role.hasWildcardControlPlane, role.role?.effectiveActions]).toEqual([
      'unknown Azure Cosmos DB for NoSQL role (${var.cosmos_role_id}), counted as its widest, Cosmos DB Built-in Data Contributor', false, false, false, [],
    ]);
    expect(unknown.role.service).toEqual({ roleSet: 'cosmosdb-sql', service: 'Azure Cosmos DB for NoSQL', resourceType: COSMOS, runsAsResourceIdentity: false });
    expect(unknown.scope.value).toBe('${azurerm_cosmosdb_account.app.id}');
    const findings = evaluate(g, { today: '2026-12-01' }).findings;
    const byAccess = findings.filter((f) => [RuleId.WORKLOAD_CAN_GRANT_ACCESS, RuleId.WORKLOAD_WILDCARD].includes(f.ruleId as RuleId));
    expect(byAccess).toEqual([]);
    // The identity holds grants (not an empty graph), and none of them leads anywhere.
    const chains = computeReach(g).chains.filter((c) => c.principal.name === 'uai-app');
    expect(g.grants.filter((x) => x.principal.name === 'uai-app')).toHaveLength(8);
    expect(chains.map((c) => `${c.reaches.role} at ${c.reaches.scope}`)).toEqual([]);
  });

  test('a Cosmos DB role assignment whose scope cannot be read is at most its account: a resource, placed at the account', async () => {
    const g = await graph();
    const database = grantAt(g, 'azurerm_cosmosdb_sql_role_assignment.database');
    expect([database.scope.value, database.scope.level, database.scope.name, database.scopePlacement.level, database.scopePlacement.address])
      .toEqual(['${var.cosmos_db_id}/dbs/memory', ScopeLevel.RESOURCE, 'memory', ScopeLevel.RESOURCE, 'azurerm_cosmosdb_account.app']);
    const wide = evaluate(g, { today: '2026-12-01' }).findings.filter((f) => f.ruleId === RuleId.WIDE_SCOPE).map((f) => f.address);
    expect(wide).toEqual([]);
  });

  test('Synapse: built-ins by name and former name; an unknown one is Synapse Administrator, which runs as the workspace identity', async () => {
    const g = await graph();
    const rows = ['credential_user', 'former_name', 'unknown'].map((n) => grantAt(g, `azurerm_synapse_role_assignment.${n}`))
      .map((x) => [x.role.name, x.role.known, x.role.canGrantAccess, x.role.service?.roleSet, x.role.service?.runsAsResourceIdentity]);
    expect(rows).toEqual([
      ['Synapse Credential User', true, false, 'synapse', true],
      ['Synapse SQL Administrator', true, false, 'synapse', false],
      ['unknown Azure Synapse Analytics (Synapse RBAC) role (${var.synapse_role}), counted as its widest, Synapse Administrator', false, false, 'synapse', true],
    ]);
  });
});
