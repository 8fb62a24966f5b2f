import { attributeOf, nestedBlock } from './block-values';
import { DocumentIndex } from './document-index';
import { GraphCredential, GraphKubernetesCluster, GraphWorkloadTrust, Origin } from './graph-types';
import { ResourcePlacement } from './resource-placement';
import { parseKubernetesSubject } from '../../model/kubernetes-subject';
import { parseReference } from '../reference';
import { TerraformBlock } from '../terraform-json';

const CLUSTER_TYPE = 'azurerm_kubernetes_cluster';
const ISSUER_ATTRIBUTE = 'oidc_issuer_url';

/**
 * The AKS clusters one document declares, and the federated credentials of it that trust a service account of an AKS cluster the
 * document declares (`issuer = azurerm_kubernetes_cluster.x.oidc_issuer_url`, subject
 * `system:serviceaccount:<namespace>:<name>`). An issuer written as a literal URL names no
 * declared cluster, so who runs pods there cannot be seen: the credential stays a credential
 * (AZA032 judges its subject), with no edge of reach.
 */
export function readWorkloadTrusts(index: DocumentIndex, origin: (block: TerraformBlock) => Origin, credentials: readonly GraphCredential[],
  placement: ResourcePlacement): { clusters: GraphKubernetesCluster[]; trusts: GraphWorkloadTrust[] } {
  const blocks = index.ofType(CLUSTER_TYPE);
  if (blocks.length === 0) return { clusters: [], trusts: [] };
  const clusters = new Map(blocks.map((block) => [block.address, clusterOf(block, origin, placement)]));
  const trusts: GraphWorkloadTrust[] = [];
  for (const credential of credentials) {
    if (credential.kind !== 'federated' || credential.issuer === undefined) continue;
    const issuer = parseReference(credential.issuer);
    const account = parseKubernetesSubject(credential.subject);
    const cluster = issuer?.type === CLUSTER_TYPE && issuer.attribute === ISSUER_ATTRIBUTE ? clusters.get(issuer.address) : undefined;
    if (cluster === undefined || account === undefined) continue;
    trusts.push({ credential, cluster, namespace: account.namespace, serviceAccount: account.name });
  }
  return { clusters: [...clusters.values()], trusts };
}

function clusterOf(block: TerraformBlock, origin: (block: TerraformBlock) => Origin, placement: ResourcePlacement): GraphKubernetesCluster {
  const disabled = attributeOf(block.body, 'local_account_disabled');
  const entra = nestedBlock(attributeOf(block.body, 'azure_active_directory_role_based_access_control'));
  const azureRbac = attributeOf(entra, 'azure_rbac_enabled');
  return {
    origin: origin(block),
    address: block.address,
    name: placement.nameOf(block) ?? block.address,
    placement: placement.placementOf(block),
    // A literal is known; anything else (a variable, an expression) is known only at apply.
    ...(typeof disabled === 'boolean' ? { localAccountsDisabled: disabled } : disabled === undefined ? { localAccountsDisabled: false } : {}),
    entraIntegrated: entra !== undefined,
    ...(entra === undefined ? { azureRbac: false } : typeof azureRbac === 'boolean' ? { azureRbac } : azureRbac === undefined ? { azureRbac: false } : {}),
  };
}
