import { performance } from 'perf_hooks';
import { RuleId } from '../src/model/rule-id';
import { evaluate } from '../src/policy/evaluate';
import { ReachResult, reachOfGraph } from '../src/review/escalation/reach';
import { isReportedChain } from '../src/review/escalation/reported-chain';
import { rootCausesOfGraph } from '../src/review/escalation/root-causes';
import { AccessGraph, GraphInput } from '../src/review/graph/access-graph';
import { TerraformDocument } from '../src/review/terraform-json';

const SUB = '11111111-2222-3333-4444-555555555555';
const TODAY = '2026-11-27';
const GROUPS = 5000;
const RUNS = 5;

const guid = (prefix: string, i: number) => `${prefix}${String(i).padStart(12, '0')}`;

/**
 * 5,000 resource groups, each with a VM that runs as its own user-assigned identity: a user
 * holds Virtual Machine Contributor on the group, a group holds Reader on it, and the identity
 * holds Key Vault Secrets User on the group's vault and Reader on its own group, or, for one
 * group in ten, on the next group. 4 grants per group, 20,000 in all; every user has chains
 * through its identity: to the vault's secrets and to Reader, which its own role does not hold
 * (500 of them beyond its group). AZA013 reports those 10,000 paths as 5,000 root causes (each
 * user's grant).
 */
export function escalationDocument(groups = GROUPS): TerraformDocument {
  const resource: Record<string, Record<string, unknown>> = {
    azurerm_resource_group: {},
    azurerm_user_assigned_identity: {},
    azurerm_linux_virtual_machine: {},
    azurerm_key_vault: {},
    azurerm_role_assignment: {},
  };
  const assign = (name: string, scope: string, role: string, principal: string, type?: string) => {
    resource.azurerm_role_assignment[name] = {
      scope, role_definition_name: role, principal_id: principal, ...(type ? { principal_type: type } : {}),
    };
  };
  for (let i = 0; i < groups; i++) {
    const group = `\${azurerm_resource_group.rg${i}.name}`;
    resource.azurerm_resource_group[`rg${i}`] = { name: `rg-${i}`, location: 'eastus' };
    resource.azurerm_user_assigned_identity[`uai${i}`] = { name: `uai-${i}`, resource_group_name: group, location: 'eastus' };
    resource.azurerm_linux_virtual_machine[`vm${i}`] = {
      name: `vm-${i}`,
      resource_group_name: group,
      location: 'eastus',
      identity: { type: 'UserAssigned', identity_ids: [`\${azurerm_user_assigned_identity.uai${i}.id}`] },
    };
    resource.azurerm_key_vault[`kv${i}`] = { name: `kv-${i}`, resource_group_name: group, location: 'eastus', sku_name: 'standard' };
    const uai = `\${azurerm_user_assigned_identity.uai${i}.principal_id}`;
    assign(`user${i}`, `\${azurerm_resource_group.rg${i}.id}`, 'Virtual Machine Contributor', guid('eeeeeeee-0000-0000-0000-', i), 'User');
    assign(`group${i}`, `/subscriptions/${SUB}/resourceGroups/rg-${i}`, 'Reader', guid('cccccccc-0000-0000-0000-', i), 'Group');
    assign(`secrets${i}`, `\${azurerm_key_vault.kv${i}.id}`, 'Key Vault Secrets User', uai);
    assign(`reader${i}`, `\${azurerm_resource_group.rg${i % 10 === 0 ? (i + 1) % groups : i}.id}`, 'Reader', uai);
  }
  return { resource };
}

const ENTRA_APPS = 500;
const ROLE = { applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c' };

/**
 * The Azure document plus 2,000 Entra assignments: 500 applications with their service
 * principals, each owned by the identity of its resource group and holding a Graph permission
 * (one in fifty RoleManagement.ReadWrite.Directory, the rest User.Read.All); 500 groups, each
 * with a user as member and Reader on a resource group; 500 directory roles (Application
 * Administrator scoped to an administrative unit of ten applications, ten of them tenant-wide;
 * Groups Administrator for the rest). Ownerships, app role assignments, memberships and
 * directory roles: 2,000.
 */
export function entraEscalationDocument(groups = GROUPS, apps = ENTRA_APPS): TerraformDocument {
  const document = escalationDocument(groups);
  const resource = document.resource as Record<string, Record<string, unknown>>;
  Object.assign(resource, {
    azuread_application: {},
    azuread_service_principal: {},
    azuread_app_role_assignment: {},
    azuread_group: {},
    azuread_administrative_unit: {},
    azuread_directory_role_assignment: {},
  });
  resource.azuread_service_principal.msgraph = { client_id: '00000003-0000-0000-c000-000000000000', use_existing: true };
  for (let i = 0; i < apps; i++) {
    resource.azuread_application[`app${i}`] = { display_name: `app-${i}`, owners: [`\${azurerm_user_assigned_identity.uai${i}.principal_id}`] };
    resource.azuread_service_principal[`app${i}`] = { client_id: `\${azuread_application.app${i}.client_id}` };
    resource.azuread_app_role_assignment[`app${i}`] = {
      app_role_id: `\${azuread_service_principal.msgraph.app_role_ids["${i % 50 === 0 ? 'RoleManagement.ReadWrite.Directory' : 'User.Read.All'}"]}`,
      principal_object_id: `\${azuread_service_principal.app${i}.object_id}`,
      resource_object_id: '${azuread_service_principal.msgraph.object_id}',
    };
    resource.azuread_group[`team${i}`] = { display_name: `team-${i}`, security_enabled: true, members: [guid('eeeeeeee-0000-0000-0000-', i + 1)] };
    resource.azurerm_role_assignment[`team${i}`] = {
      scope: `\${azurerm_resource_group.rg${i}.id}`, role_definition_name: 'Reader', principal_id: `\${azuread_group.team${i}.object_id}`,
    };
    if (i % 10 === 0) {
      resource.azuread_administrative_unit[`unit${i}`] = {
        display_name: `unit-${i}`, members: Array.from({ length: 10 }, (_, k) => `\${azuread_service_principal.app${i + k}.object_id}`),
      };
    }
    const tenantWide = i % 50 === 0;
    resource.azuread_directory_role_assignment[`admin${i}`] = {
      role_id: i % 2 === 0 ? ROLE.applicationAdministrator : ROLE.groupsAdministrator,
      principal_object_id: guid('dddddddd-0000-0000-0000-', i),
      ...(tenantWide ? {} : { directory_scope_id: `/administrativeUnits/\${azuread_administrative_unit.unit${i - (i % 10)}.object_id}` }),
    };
  }
  return document;
}

const CLUSTER_EVERY = 10;

/**
 * The Entra document plus the credentials #23 made edges of reach: each of the 500 applications
 * gets a client secret kept in its group's vault (which the group's identity reads, so every user
 * that runs as the identity signs in as the application too), and every group's identity trusts a
 * service account of one of 50 AKS clusters (one per ten groups, local accounts on), whose admin
 * credential a group of that cluster holds (Azure Kubernetes Service Cluster Admin Role). 500 kept
 * secrets, 5,000 trusts, 50 more grants.
 */
export function credentialEscalationDocument(groups = GROUPS, apps = ENTRA_APPS): TerraformDocument {
  const document = entraEscalationDocument(groups, apps);
  const resource = document.resource as Record<string, Record<string, unknown>>;
  for (const type of ['azuread_application_password', 'azurerm_key_vault_secret', 'azurerm_kubernetes_cluster', 'azurerm_federated_identity_credential']) {
    resource[type] = {};
  }
  for (let i = 0; i < apps; i++) {
    resource.azuread_application_password[`app${i}`] = { application_id: `\${azuread_application.app${i}.id}` };
    resource.azurerm_key_vault_secret[`app${i}`] = {
      name: `app-${i}-secret`, value: `\${azuread_application_password.app${i}.value}`, key_vault_id: `\${azurerm_key_vault.kv${i}.id}`,
    };
  }
  for (let i = 0; i < groups; i++) {
    const cluster = i - (i % CLUSTER_EVERY);
    if (i === cluster) {
      resource.azurerm_kubernetes_cluster[`aks${i}`] = { name: `aks-${i}`, resource_group_name: `\${azurerm_resource_group.rg${i}.name}`, location: 'eastus' };
      resource.azurerm_role_assignment[`aks_admin${i}`] = {
        scope: `\${azurerm_kubernetes_cluster.aks${i}.id}`,
        role_definition_name: 'Azure Kubernetes Service Cluster Admin Role',
        principal_id: guid('cccccccc-0000-0000-0000-', i),
        principal_type: 'Group',
      };
    }
    resource.azurerm_federated_identity_credential[`uai${i}`] = {
      name: `sa-${i}`,
      resource_group_name: `\${azurerm_resource_group.rg${i}.name}`,
      parent_id: `\${azurerm_user_assigned_identity.uai${i}.id}`,
      audience: ['api://AzureADTokenExchange'],
      issuer: `\${azurerm_kubernetes_cluster.aks${cluster}.oidc_issuer_url}`,
      subject: `system:serviceaccount:apps:sa-${i}`,
    };
  }
  return document;
}

/** Graph and every rule but those that compute reach (turned off: the escalation rule, and any named). */
function withoutChains(inputs: GraphInput[], alsoOff: readonly RuleId[] = []): number {
  const graph = AccessGraph.fromDocuments(inputs);
  const off = Object.fromEntries([RuleId.ESCALATION_CHAIN, ...alsoOff].map((id) => [id, 'off' as const]));
  return evaluate(graph, { today: TODAY, severityOverrides: off }).findings.length;
}

/** The same with the escalation rule on: the reach and root causes it computes are the ones returned (computed once per graph). */
function withChains(inputs: GraphInput[]): { findings: number; reach: ReachResult; rootCauses: number } {
  const graph = AccessGraph.fromDocuments(inputs);
  const findings = evaluate(graph, { today: TODAY }).findings.length;
  return { findings, reach: reachOfGraph(graph), rootCauses: rootCausesOfGraph(graph).length };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/**
 * `npm run bench -- escalation`: the 20,000-grant file with chains on and off, in one process;
 * then with 2,000 Entra assignments; then with kept secrets and workload trusts besides.
 */
export function escalationBench(): string[] {
  return [
    ...chainsOnAndOff('Escalation chains', [{ file: 'bench.tf.json', document: escalationDocument() }]),
    ...chainsOnAndOff('Escalation chains across both halves (+ 2,000 Entra assignments)', [{ file: 'bench.tf.json', document: entraEscalationDocument() }]),
    // AZA005 says the paths of a kept secret, so it asks for reach too: off with AZA013, or "off" would compute reach.
    ...chainsOnAndOff('Escalation chains through credentials (+ 500 kept secrets, 5,000 workload trusts)',
      [{ file: 'bench.tf.json', document: credentialEscalationDocument() }], [RuleId.SECRET_PRESENT]),
  ];
}

function chainsOnAndOff(title: string, inputs: GraphInput[], alsoOff: readonly RuleId[] = []): string[] {
  const resource = inputs[0].document.resource as Record<string, Record<string, unknown>>;
  const grants = Object.keys(resource.azurerm_role_assignment).length;
  const entra = ['azuread_app_role_assignment', 'azuread_directory_role_assignment'].reduce((n, t) => n + Object.keys(resource[t] ?? {}).length, 0)
    + Object.values(resource.azuread_application ?? {}).length + Object.values(resource.azuread_group ?? {}).length;
  // One warm-up of each, so the first timed run does not pay for compiling the code.
  withoutChains(inputs, alsoOff);
  const { reach, rootCauses } = withChains(inputs);
  const off: number[] = [];
  const on: number[] = [];
  // Alternate which variant goes first, so the garbage one run leaves behind burdens both alike.
  for (let run = 0; run < RUNS; run++) {
    if (run % 2 === 0) {
      off.push(time(() => withoutChains(inputs, alsoOff)));
      on.push(time(() => withChains(inputs)));
    } else {
      on.push(time(() => withChains(inputs)));
      off.push(time(() => withoutChains(inputs, alsoOff)));
    }
  }
  const [offMs, onMs] = [median(off), median(on)];
  const ratio = onMs / offMs;
  const multiStep = reach.chains.filter((c) => c.steps.length > 1);
  const counted = `${grants.toLocaleString('en-US')} Azure grants${entra ? ` and ${entra.toLocaleString('en-US')} Entra assignments` : ''}`;
  return [
    `### ${title}: ${counted}, median of ${RUNS} in-process runs (interleaved, alternating order)`,
    '',
    '| what | time | |',
    '| --- | --- | --- |',
    `| graph + rules, chains off${alsoOff.length === 0 ? '' : ` (and ${alsoOff.join(', ')}, which asks for them)`} | ${offMs.toFixed(0)} ms | |`,
    `| graph + rules, AZA013 (reach) on | ${onMs.toFixed(0)} ms | ${ratio.toFixed(2)}x off (target ≤ 2x: ${ratio <= 2 ? 'met' : 'MISSED'}) |`,
    '',
    `${reach.chains.length.toLocaleString('en-US')} chains, ${multiStep.length.toLocaleString('en-US')} of more than one step, `
      + `${multiStep.filter(isReportedChain).length.toLocaleString('en-US')} reported by AZA013 as ${rootCauses.toLocaleString('en-US')} root causes.`,
    '',
  ];
}
