import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { timeProcessesInTurns } from './measure';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'lib', 'cli', 'main.js');
const SUB = '11111111-2222-3333-4444-555555555555';
const TODAY = '2026-11-27';
const ROLE = {
  'Reader': 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'Contributor': 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Owner': '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
} as const;
type RoleName = keyof typeof ROLE;
const WORKLOAD_ROLES: RoleName[] = ['Key Vault Secrets User', 'Reader', 'Storage Blob Data Reader', 'Contributor'];

/** A GUID from a kind (8 hex digits) and a number: distinct for distinct numbers. */
const guid = (kind: string, n: number) => `${kind}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

type Kind = 'User' | 'Group' | 'ServicePrincipal' | 'identity';

/** Principal `p` of the tenant: one in ten a user, one in ten a group, two a managed identity the code declares, the rest service principals. */
function kindOf(p: number): Kind {
  const k = p % 10;
  return k === 0 ? 'User' : k === 1 ? 'Group' : k === 2 || k === 3 ? 'identity' : 'ServicePrincipal';
}

interface Grant {
  readonly principal: number;
  readonly role: RoleName;
  readonly scope: string;
}

/** Grant `i`: principal i/5, a workload role (a user in fifty holds Owner), a resource group of 2,000. */
function grantOf(i: number): Grant {
  const principal = Math.floor(i / 5);
  const kind = kindOf(principal);
  const role: RoleName = kind === 'User' ? (principal % 50 === 0 ? 'Owner' : 'Reader') : WORKLOAD_ROLES[i % WORKLOAD_ROLES.length];
  return { principal, role, scope: `/subscriptions/${SUB}/resourceGroups/rg-${i % 2000}` };
}

/** A fixed shuffle (the Park-Miller generator): az does not list assignments in the code's order. */
function shuffled<T>(items: T[], seed = 26): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 48271) % 2147483647;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface AuditInputs {
  /** cdktf-shaped Terraform JSON with `n` role assignments. */
  readonly declared: object;
  /** `az role assignment list --all -o json` with `n` assignments. */
  readonly live: object[];
  /** Microsoft Graph managed identities: the ones the code names by reference. */
  readonly identities: object;
}

/**
 * `n` declared grants and `n` live assignments that overlap as a tenant under code does: 95% of
 * each side matches the other, one declared grant in twenty was removed from the tenant
 * (missing), and as many live ones were made by hand (unmanaged). Most principals are written
 * as object IDs (matched exactly); the managed identities the code creates are named by
 * reference and matched through the Graph export by name; a third of the declared scopes are
 * written `resourcegroups`, as azurerm IDs are. Live assignments come in a shuffled order.
 */
export function auditInputs(n: number): AuditInputs {
  const identities: Record<string, object> = {};
  const assignments: Record<string, object> = {};
  const live: object[] = [];
  const graphIdentities: object[] = [];
  const principalIdOf = (p: number) => guid(kindOf(p) === 'User' ? 'dddddddd' : kindOf(p) === 'Group' ? 'cccccccc' : 'bbbbbbbb', p);
  const appIdOf = (p: number) => guid('aaaaaaaa', p);
  const liveAssignment = (i: number, grant: Grant) => {
    const kind = kindOf(grant.principal);
    const name = guid('10000000', i);
    live.push({
      condition: null,
      conditionVersion: null,
      createdBy: 'eeeeeeee-4444-5555-6666-ffffffffffff',
      createdOn: '2026-03-02T10:15:42.118331+00:00',
      delegatedManagedIdentityResourceId: null,
      description: null,
      id: `${grant.scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      name,
      principalId: principalIdOf(grant.principal),
      principalName: kind === 'User' ? `user${grant.principal}@contoso.example` : kind === 'Group' ? `group-${grant.principal}` : appIdOf(grant.principal),
      principalType: kind === 'User' || kind === 'Group' ? kind : 'ServicePrincipal',
      roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE[grant.role]}`,
      roleDefinitionName: grant.role,
      scope: grant.scope,
      type: 'Microsoft.Authorization/roleAssignments',
      updatedBy: 'eeeeeeee-4444-5555-6666-ffffffffffff',
      updatedOn: '2026-03-02T10:15:42.118331+00:00',
    });
  };
  for (let i = 0; i < n; i++) {
    const grant = grantOf(i);
    const kind = kindOf(grant.principal);
    const id = `p${grant.principal}`;
    if (kind === 'identity' && identities[id] === undefined) {
      identities[id] = { 'name': `uai-${id}`, 'resource_group_name': 'rg-identities', 'location': 'eastus', 'tags': { owner: 'team' }, '//': { metadata: { path: `bench/${id}` } } };
      graphIdentities.push({
        id: principalIdOf(grant.principal),
        appId: appIdOf(grant.principal),
        displayName: `uai-${id}`,
        servicePrincipalType: 'ManagedIdentity',
        alternativeNames: ['isExplicit=True', `/subscriptions/${SUB}/resourcegroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-${id}`],
      });
    }
    assignments[`grant${i}`] = {
      'scope': i % 3 === 0 ? grant.scope.replace('resourceGroups', 'resourcegroups') : grant.scope,
      'role_definition_id': `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE[grant.role]}`,
      'principal_id': kind === 'identity' ? `\${azurerm_user_assigned_identity.${id}.principal_id}` : principalIdOf(grant.principal),
      ...(kind === 'identity' ? {} : { principal_type: kind }),
      '//': { metadata: { path: `bench/${id}/grant${i}` } },
    };
    // One in twenty was removed from the tenant by hand: missing.
    if (i % 20 !== 7) liveAssignment(i, grant);
  }
  // As many made by hand, at scopes and for principals past the code's: unmanaged.
  for (let i = n; live.length < n; i++) liveAssignment(i, grantOf(i + 5 * n));
  return {
    declared: {
      '//': { metadata: { backend: 'local', stackName: 'bench', version: '0.21.0' } },
      'resource': { azurerm_user_assigned_identity: identities, azurerm_role_assignment: assignments },
    },
    live: shuffled(live),
    identities: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#servicePrincipals', 'value': graphIdentities },
  };
}

function writeInputs(dir: string, n: number): string[] {
  const inputs = auditInputs(n);
  const file = (name: string, json: unknown) => {
    const at = path.join(dir, `${n}-${name}`);
    writeFileSync(at, JSON.stringify(json, null, 2));
    return at;
  };
  const live = file('live.json', inputs.live);
  const identities = file('identities.json', inputs.identities);
  const declared = file('declared.tf.json', inputs.declared);
  return ['audit', '--format', 'json', '--fail-on', 'never', '--today', TODAY, '--live-assignments', live, '--identities', identities, declared];
}

const SIZES = [10_000, 100_000];

/** The whole `audit` command over n × n, for n of 10,000 and 100,000 (issue "Fail closed", item 8). */
export function auditScale(): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-bench-'));
  try {
    const commands = Object.fromEntries(SIZES.map((n) => [`n${n}`, [BIN, ...writeInputs(dir, n)]])) as Record<string, string[]>;
    // One run first, to show the overlap the inputs have: what each size actually compared.
    const summaries = Object.fromEntries(Object.entries(commands).map(([name, argv]) => {
      const out = execFileSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
      const { summary, matched } = JSON.parse(out) as { summary: Record<string, number>; matched: { how: string }[] };
      const semantic = matched.filter((m) => m.how === 'semantic').length;
      return [name, `${summary.matched} matched (${summary.matched - semantic} exact, ${semantic} by name), ${summary.unmanaged} unmanaged, ${summary.missing} missing`];
    }));
    const times = timeProcessesInTurns(commands);
    return [
      '### `audit` of n live × n declared assignments, whole process, median of 5 rounds run in turns',
      '',
      '| n | time | target | what was compared |',
      '| --- | --- | --- | --- |',
      ...SIZES.map((n) => {
        const { ms } = times[`n${n}`];
        const target = n === 100_000 ? `< 10 s: ${ms < 10_000 ? 'met' : 'MISSED'}` : '';
        return `| ${n.toLocaleString('en-US')} | ${ms.toFixed(0)} ms | ${target} | ${summaries[`n${n}`]} |`;
      }),
      '',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
