import { holdsOperation } from './effect-conditions';
import { effectsOfPath } from './escalation-effect';
import { HeldScopes } from './held-scopes';
import { ScopeLevel } from '../../model/scope-level';
import { grantsOperation } from '../../roles/role-classification';
import { AccessGraph } from '../graph/access-graph';
import { GraphGrant, GraphKubernetesCluster, GraphPlacement, GraphRole, GraphWorkloadTrust } from '../graph/graph-types';
import { documentKeyOf } from '../graph/origin';
import { parseReference } from '../reference';
import { setAndReturn } from '../set-and-return';

/** A workload trust a grant satisfies, and the operation by which it runs a pod as the trusted service account. */
export interface TrustSatisfied {
  readonly trust: GraphWorkloadTrust;
  readonly operation: string;
}

/** What the escalation table's admin-credential path says that credential needs: local accounts on, or a holder that can turn them on. */
const ADMIN_CREDENTIAL_LOCAL_ACCOUNTS = effectsOfPath('aks-cluster-admin-credential', '').conditions?.localAccounts;

interface PodOperation {
  readonly operation: string;
  readonly plane: 'control' | 'data';
  /** Whether the operation lets this role run pods as any service account of the cluster. */
  readonly works: (cluster: GraphKubernetesCluster, role: GraphRole) => boolean;
}

/**
 * The ways to run a pod as any service account of an AKS cluster, the one table of it, each with
 * what the cluster must allow (learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad,
 * /azure/aks/manage-azure-rbac, /azure/aks/control-kubeconfig-access):
 * - the admin credential (cluster-admin), while local accounts are on;
 * - the user credential, while local accounts are on and the cluster has no Entra integration (then it is an admin's too);
 * - Kubernetes data actions that create pods or deployments (Azure Kubernetes Service RBAC Writer,
 *   Admin, Cluster Admin), while Azure RBAC authorizes in the cluster; at a namespace, in that namespace only.
 * A setting that cannot be read counts as allowing (the wider case).
 */
const POD_OPERATIONS: readonly PodOperation[] = [
  {
    operation: 'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action',
    plane: 'control',
    // The escalation table's admin-credential path says when that credential works.
    works: (c, role) => c.localAccountsDisabled !== true || ADMIN_CREDENTIAL_LOCAL_ACCOUNTS === undefined
      || holdsOperation(role, ADMIN_CREDENTIAL_LOCAL_ACCOUNTS.reenabledBy),
  },
  {
    operation: 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action',
    plane: 'control',
    // A holder that can turn local accounts back on (cluster write) can take the user credential of a cluster without Entra integration.
    works: (c, role) => !c.entraIntegrated && (c.localAccountsDisabled !== true
      || (ADMIN_CREDENTIAL_LOCAL_ACCOUNTS !== undefined && holdsOperation(role, ADMIN_CREDENTIAL_LOCAL_ACCOUNTS.reenabledBy))),
  },
  { operation: 'Microsoft.ContainerService/managedClusters/pods/write', plane: 'data', works: (c) => c.azureRbac !== false },
  { operation: 'Microsoft.ContainerService/managedClusters/apps/deployments/write', plane: 'data', works: (c) => c.azureRbac !== false },
];

/** A role assignment at a namespace of a cluster: `<cluster ID>/namespaces/<name>`. */
const NAMESPACE_SCOPE = /^(.*)\/namespaces\/([^/]+)$/i;

/** The operation by which a role runs pods in this cluster (the first of the table it holds and the cluster allows), if any. */
function podOperationOf(role: GraphRole, cluster: GraphKubernetesCluster, planes: 'any' | 'data'): string | undefined {
  const allowed = POD_OPERATIONS.filter((o) => o.works(cluster, role) && (planes === 'any' || o.plane === 'data'));
  const found = role.role === undefined ? allowed[0] : allowed.find((o) => grantsOperation(role.role!.permissions, o.operation, o.plane));
  // A local credential of a cluster with local accounts off works only once the holder turns them back on: the step says so.
  if (found?.plane === 'control' && cluster.localAccountsDisabled === true && ADMIN_CREDENTIAL_LOCAL_ACCOUNTS !== undefined) {
    return `${ADMIN_CREDENTIAL_LOCAL_ACCOUNTS.reenabledBy} to turn local accounts back on, then ${found.operation}`;
  }
  return found?.operation;
}

/**
 * Where a grant runs pods in a cluster: the whole cluster when its scope holds the cluster (a
 * scope that cannot be read may), the namespace it names when it is a namespace of this cluster,
 * nowhere otherwise.
 */
function reachInCluster(held: HeldScopes | undefined, namespace: HeldNamespace | undefined, document: string,
  cluster: GraphKubernetesCluster): { readonly namespace?: string } | undefined {
  if (namespace !== undefined) {
    const { reference, prefix } = namespace;
    const sameCluster = reference !== undefined ? reference.address === cluster.address : literalNamesCluster(prefix, cluster);
    return sameCluster ? { namespace: namespace.name } : undefined;
  }
  return held === undefined || held.contain(document, cluster.placement) ? WHOLE_CLUSTER : undefined;
}

const WHOLE_CLUSTER: { readonly namespace?: string } = {};

/** A namespace a grant is held at: the cluster's ID as written (a reference, or a literal ID) and the namespace's name. */
interface HeldNamespace {
  readonly prefix: string;
  readonly reference?: { readonly address: string };
  readonly name: string;
}

/**
 * Where a grant is held, asked of every cluster of its document: the namespace its scope names,
 * or the scopes it holds (none for a scope that cannot be read, which may hold any cluster).
 * Made once per answer: 500 clusters asked about 500 scopes made a quarter of a million scope sets.
 */
function heldPlace(grant: GraphGrant, document: string): { held?: HeldScopes; namespace?: HeldNamespace } {
  const match = NAMESPACE_SCOPE.exec(grant.scope.value);
  if (match !== null) {
    const [, prefix, name] = match;
    const reference = parseReference(prefix);
    return { namespace: { prefix, name, ...(reference === undefined ? {} : { reference }) } };
  }
  if (grant.scopePlacement.level === ScopeLevel.UNKNOWN) return {};
  const held = new HeldScopes();
  held.add(document, grant.scopePlacement);
  return { held };
}

/**
 * Whether a cluster's ARM ID, written out, is this cluster: the same name in the same resource
 * group (a cluster of the same name elsewhere is another cluster). A group the configuration does
 * not say may be any: the wider case.
 */
function literalNamesCluster(id: string, cluster: GraphKubernetesCluster): boolean {
  const match = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)$/i.exec(id);
  if (match === null || match[2].toLowerCase() !== cluster.name.toLowerCase()) return false;
  const group = cluster.placement.group;
  return group === undefined || group === match[1].toLowerCase();
}

/** Whether a trust's namespace is the one a grant holds (a name known only at apply, on either side, may be). */
function sameNamespace(held: string, trusted: string): boolean {
  return held === trusted || held.includes('${') || trusted.includes('${');
}

const NONE: readonly TrustSatisfied[] = [];

/** A cluster of a document and the trusts of its service accounts, in trust order. */
interface ClusterTrusts {
  readonly cluster: GraphKubernetesCluster;
  readonly trusts: readonly GraphWorkloadTrust[];
}

const NO_CLUSTERS: readonly number[] = [];

/**
 * A document's clusters, in order, indexed by where they are: a scope that is one resource group
 * or one resource is asked only of the clusters that may be there, not of every cluster (500
 * clusters, each with its admin role at the cluster, asked 250,000 times).
 */
class DocumentClusters {
  private readonly byGroup = new Map<string, number[]>();
  private readonly byAddress = new Map<string, number[]>();
  private readonly byName = new Map<string, number[]>();

  constructor(public readonly list: readonly ClusterTrusts[]) {
    list.forEach(({ cluster: { placement } }, i) => {
      if (placement.group !== undefined) push(this.byGroup, placement.group, i);
      if (placement.address !== undefined) push(this.byAddress, placement.address, i);
      if (placement.name !== undefined && placement.group !== undefined) push(this.byName, `${placement.group}/${placement.name}`, i);
    });
  }

  /**
   * The clusters (by index, in order) a grant held at this scope may hold: every one that a
   * resource group holds (its group), or a resource (the same address, or the same name in the same
   * group), as the held scopes tell it; all of them for any other scope.
   */
  public near(held: GraphPlacement): readonly number[] | undefined {
    if (held.level === ScopeLevel.RESOURCE_GROUP) return held.group === undefined ? NO_CLUSTERS : this.byGroup.get(held.group) ?? NO_CLUSTERS;
    if (held.level !== ScopeLevel.RESOURCE) return undefined;
    const atAddress = held.address === undefined ? undefined : this.byAddress.get(held.address);
    const named = held.name === undefined || held.group === undefined ? undefined : this.byName.get(`${held.group}/${held.name}`);
    if (named === undefined || atAddress === undefined) return atAddress ?? named ?? NO_CLUSTERS;
    return [...new Set([...atAddress, ...named])].sort((a, b) => a - b);
  }
}

function push(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [index]);
  else list.push(index);
}

/** What a document's grants satisfy, by role, then by scope (a placement, or a namespace's written value). */
type ByScope = Map<GraphPlacement | string, readonly TrustSatisfied[]>;
type ByRole = Map<GraphRole, ByScope>;

/**
 * For reach: the workload trusts a grant (standing, active or eligible) satisfies, in cluster
 * then trust order. A role that holds no way to run pods answers nothing at once; the others are
 * worked out once per document, role and scope, cluster by cluster (clusters are few, trusts many).
 */
export function trustsSatisfiedBy(graph: AccessGraph): (grant: GraphGrant, document: string) => readonly TrustSatisfied[] {
  if (graph.workloadTrusts.length === 0) return () => NONE;
  const trustsByDocument = new Map<string, Map<GraphKubernetesCluster, GraphWorkloadTrust[]>>();
  for (const trust of graph.workloadTrusts) {
    const key = documentKeyOf(trust.credential.origin);
    const clusters = trustsByDocument.get(key) ?? setAndReturn(trustsByDocument, key, new Map<GraphKubernetesCluster, GraphWorkloadTrust[]>());
    (clusters.get(trust.cluster) ?? setAndReturn(clusters, trust.cluster, [])).push(trust);
  }
  // Each scope is asked of every cluster of its document: a list, walked by index (no entry made per cluster and scope).
  const byDocument = new Map<string, DocumentClusters>();
  for (const [key, clusters] of trustsByDocument) {
    byDocument.set(key, new DocumentClusters(Array.from(clusters, ([cluster, trusts]) => ({ cluster, trusts }))));
  }
  const runsPods = new Map<GraphRole, boolean>();
  const answers = new Map<string, ByRole>();
  return (grant, document) => {
    const clusters = byDocument.get(document);
    if (clusters === undefined) return NONE;
    const mayRun = runsPods.get(grant.role) ?? setAndReturn(runsPods, grant.role, mayRunPods(grant.role));
    if (!mayRun) return NONE;
    const byRole = answers.get(document) ?? setAndReturn(answers, document, new Map() as ByRole);
    const byScope = byRole.get(grant.role) ?? setAndReturn(byRole, grant.role, new Map() as ByScope);
    // A namespace's placement cannot be read, so its scope value tells it from others.
    const key = grant.scopePlacement.level === ScopeLevel.UNKNOWN ? grant.scope.value : grant.scopePlacement;
    let found = byScope.get(key);
    if (found === undefined) {
      const { held, namespace } = heldPlace(grant, document);
      const near = held === undefined ? undefined : clusters.near(grant.scopePlacement);
      const satisfied: TrustSatisfied[] = [];
      for (let k = 0, n = near?.length ?? clusters.list.length; k < n; k++) {
        const { cluster, trusts } = clusters.list[near === undefined ? k : near[k]];
        const where = reachInCluster(held, namespace, document, cluster);
        // Control-plane operations act on the cluster resource: a namespace's assignment gives only data actions.
        const operation = where === undefined ? undefined : podOperationOf(grant.role, cluster, where.namespace === undefined ? 'any' : 'data');
        if (operation === undefined) continue;
        const inNamespace = where!.namespace;
        for (const trust of trusts) {
          if (inNamespace === undefined || sameNamespace(inNamespace, trust.namespace)) satisfied.push({ trust, operation });
        }
      }
      found = satisfied.length === 0 ? NONE : satisfied;
      byScope.set(key, found);
    }
    return found;
  };
}

/** Whether a role holds any way of the table to run pods, whatever a cluster allows (a role that cannot be read may). */
function mayRunPods(role: GraphRole): boolean {
  return role.role === undefined || POD_OPERATIONS.some((o) => grantsOperation(role.role!.permissions, o.operation, o.plane));
}
