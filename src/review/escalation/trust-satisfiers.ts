import { effectsOfPath } from './escalation-effect';
import { HeldScopes } from './held-scopes';
import { ScopeLevel } from '../../model/scope-level';
import { grantsOperation } from '../../roles/role-classification';
import { AccessGraph } from '../graph/access-graph';
import { GraphGrant, GraphKubernetesCluster, GraphPlacement, GraphRole, GraphWorkloadTrust } from '../graph/graph-types';
import { documentKeyOf } from '../graph/origin';
import { parseReference } from '../reference';

/** A workload trust a grant satisfies, and the operation by which it runs a pod as the trusted service account. */
export interface TrustSatisfied {
  readonly trust: GraphWorkloadTrust;
  readonly operation: string;
}

const ADMIN_CREDENTIAL_NEEDS_LOCAL_ACCOUNTS = effectsOfPath('aks-cluster-admin-credential', '').conditions?.localAccounts === true;

interface PodOperation {
  readonly operation: string;
  readonly plane: 'control' | 'data';
  /** Whether the operation lets its holder run pods as any service account of the cluster. */
  readonly works: (cluster: GraphKubernetesCluster) => boolean;
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
    works: (c) => !(ADMIN_CREDENTIAL_NEEDS_LOCAL_ACCOUNTS && c.localAccountsDisabled === true),
  },
  {
    operation: 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action',
    plane: 'control',
    works: (c) => c.localAccountsDisabled !== true && !c.entraIntegrated,
  },
  { operation: 'Microsoft.ContainerService/managedClusters/pods/write', plane: 'data', works: (c) => c.azureRbac !== false },
  { operation: 'Microsoft.ContainerService/managedClusters/apps/deployments/write', plane: 'data', works: (c) => c.azureRbac !== false },
];

/** A role assignment at a namespace of a cluster: `<cluster ID>/namespaces/<name>`. */
const NAMESPACE_SCOPE = /^(.*)\/namespaces\/([^/]+)$/i;

/** The operation by which a role runs pods in this cluster (the first of the table it holds and the cluster allows), if any. */
function podOperationOf(role: GraphRole, cluster: GraphKubernetesCluster, planes: 'any' | 'data'): string | undefined {
  const allowed = POD_OPERATIONS.filter((o) => o.works(cluster) && (planes === 'any' || o.plane === 'data'));
  if (role.role === undefined) return allowed[0]?.operation;
  return allowed.find((o) => grantsOperation(role.role!.permissions, o.operation, o.plane))?.operation;
}

/**
 * Where a grant runs pods: the whole cluster when its scope holds the cluster (a scope that cannot
 * be read may), one namespace when it is that namespace of this cluster, nowhere otherwise.
 */
function reachOfScope(grant: GraphGrant, document: string, trust: GraphWorkloadTrust): 'cluster' | 'namespace' | undefined {
  const namespace = NAMESPACE_SCOPE.exec(grant.scope.value);
  if (namespace !== null) {
    const [, prefix, name] = namespace;
    const { cluster } = trust;
    const reference = parseReference(prefix);
    const sameCluster = reference !== undefined ? reference.address === cluster.address
      : prefix.toLowerCase().endsWith(`/managedclusters/${cluster.name.toLowerCase()}`);
    // A namespace known only at apply, on either side, may be this one.
    const sameNamespace = name === trust.namespace || name.includes('${') || trust.namespace.includes('${');
    return sameCluster && sameNamespace ? 'namespace' : undefined;
  }
  if (grant.scopePlacement.level === ScopeLevel.UNKNOWN) return 'cluster';
  const held = new HeldScopes();
  held.add(document, grant.scopePlacement);
  return held.contain(document, trust.cluster.placement) ? 'cluster' : undefined;
}

const NONE: readonly TrustSatisfied[] = [];

/**
 * For reach: the workload trusts a grant (standing, active or eligible) satisfies, in trust
 * order. Worked out once per document, role and scope; a graph without workload trusts answers
 * nothing at once.
 */
export function trustsSatisfiedBy(graph: AccessGraph): (grant: GraphGrant, document: string) => readonly TrustSatisfied[] {
  if (graph.workloadTrusts.length === 0) return () => NONE;
  const byDocument = new Map<string, GraphWorkloadTrust[]>();
  for (const trust of graph.workloadTrusts) {
    const key = documentKeyOf(trust.credential.origin);
    byDocument.set(key, [...(byDocument.get(key) ?? []), trust]);
  }
  const answers = new Map<string, Map<GraphRole, Map<GraphPlacement | string, readonly TrustSatisfied[]>>>();
  return (grant, document) => {
    const within = byDocument.get(document);
    if (within === undefined) return NONE;
    const byRole = answers.get(document) ?? new Map<GraphRole, Map<GraphPlacement | string, readonly TrustSatisfied[]>>();
    answers.set(document, byRole);
    const byScope = byRole.get(grant.role) ?? new Map<GraphPlacement | string, readonly TrustSatisfied[]>();
    byRole.set(grant.role, byScope);
    // A namespace's placement cannot be read, so its scope value tells it from others.
    const key = grant.scopePlacement.level === ScopeLevel.UNKNOWN ? grant.scope.value : grant.scopePlacement;
    let found = byScope.get(key);
    if (found === undefined) {
      const satisfied: TrustSatisfied[] = [];
      for (const trust of within) {
        const where = reachOfScope(grant, document, trust);
        // Control-plane operations act on the cluster resource: a namespace's assignment gives only data actions.
        const operation = where === undefined ? undefined : podOperationOf(grant.role, trust.cluster, where === 'namespace' ? 'data' : 'any');
        if (operation !== undefined) satisfied.push({ trust, operation });
      }
      found = satisfied.length === 0 ? NONE : satisfied;
      byScope.set(key, found);
    }
    return found;
  };
}
