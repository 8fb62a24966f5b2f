import { parseReference } from '../reference';
import { TerraformBlock } from '../terraform-json';
import { attributeOf, flag, nestedBlock, nestedBlocks, text } from './block-values';
import { DocumentIndex } from './document-index';
import {
  GraphCredential, GraphCredentialStore, GraphCredentialStoreKind, GraphGitHubEnvironment, GraphTerraformCloudWorkspace, Origin,
} from './graph-types';
import { documentKeyOf } from './origin';

type OriginOf = (block: TerraformBlock) => Origin;

/** How each GitHub Actions type is read: where it is, and which arguments hold its name and value. */
interface GitHubForm {
  readonly kind: GraphCredentialStoreKind;
  readonly nameAttribute: 'secret_name' | 'variable_name';
  readonly valueAttributes: readonly string[];
  readonly inEnvironment: boolean;
  readonly inOrganization: boolean;
}

const SECRET_VALUES = ['plaintext_value', 'encrypted_value'];
// A Map: looked up by each block's type, which is input.
const GITHUB_FORMS: ReadonlyMap<string, GitHubForm> = new Map([
  ['github_actions_secret', { kind: 'github-actions-secret', nameAttribute: 'secret_name', valueAttributes: SECRET_VALUES, inEnvironment: false, inOrganization: false }],
  ['github_actions_environment_secret',
    { kind: 'github-actions-environment-secret', nameAttribute: 'secret_name', valueAttributes: SECRET_VALUES, inEnvironment: true, inOrganization: false }],
  ['github_actions_organization_secret',
    { kind: 'github-actions-organization-secret', nameAttribute: 'secret_name', valueAttributes: SECRET_VALUES, inEnvironment: false, inOrganization: true }],
  ['github_actions_variable', { kind: 'github-actions-variable', nameAttribute: 'variable_name', valueAttributes: ['value'], inEnvironment: false, inOrganization: false }],
  ['github_actions_environment_variable',
    { kind: 'github-actions-environment-variable', nameAttribute: 'variable_name', valueAttributes: ['value'], inEnvironment: true, inOrganization: false }],
  ['github_actions_organization_variable',
    { kind: 'github-actions-organization-variable', nameAttribute: 'variable_name', valueAttributes: ['value'], inEnvironment: false, inOrganization: true }],
]);

const ENVIRONMENT_TYPE = 'github_repository_environment';
const VARIABLE_GROUP_TYPE = 'azuredevops_variable_group';
const SERVICE_CONNECTION_TYPE = 'azuredevops_serviceendpoint_azurerm';
/** The provider's default scheme, and the only one that signs in with a key. */
const KEY_SCHEME = 'ServicePrincipal';

/** The CI secret stores of one document, and the service connection keys that are credentials of their own. */
export interface CiSecretStores {
  readonly stores: GraphCredentialStore[];
  /**
   * Service connection keys whose secret the configuration does not create (a variable, a
   * literal): each is a service principal's secret all the same, kept in the connection.
   */
  readonly keys: GraphCredential[];
}

/**
 * A value followed through the references the configuration declares: `github_repository.infra.name`
 * is `infra`, `azuredevops_project.p.id` (computed) is named by the project's `name`. What is not
 * declared stays as written.
 */
export function followed(value: string | undefined, index: DocumentIndex): string | undefined {
  let current = value;
  for (let hops = 0; hops < 3 && current !== undefined; hops++) {
    const reference = parseReference(current);
    const body = reference === undefined ? undefined : index.get(reference.address)?.body;
    if (reference === undefined || body === undefined) return current;
    current = text(body, reference.attribute) ?? text(body, 'name') ?? current;
    if (parseReference(current) === undefined) return current;
  }
  return current;
}

/**
 * The secret credentials of the document whose value a store holds: a reference to a password's
 * `value`, or to an application's inline `password` set, anywhere in the text (a JSON of client
 * ID and secret for azure/login holds it as much as the bare value does).
 */
export class SecretReferences {
  /** The attribute that holds each credential's secret, by the credential's address. */
  private readonly secrets = new Map<string, string>();

  constructor(index: DocumentIndex, credentials: readonly GraphCredential[]) {
    for (const c of credentials) {
      if (c.kind !== 'application-password' && c.kind !== 'service-principal-password') continue;
      // An application's inline passwords are its `password` set; a password resource's secret is its `value`.
      this.secrets.set(c.origin.address, index.get(c.origin.address)?.type === 'azuread_application' ? 'password' : 'value');
    }
  }

  /**
   * The address of the first credential the value holds, if any. The value's references are read
   * once and looked up: a store is asked once, however many credentials the document has.
   */
  public heldBy(value: unknown): string | undefined {
    if (typeof value !== 'string' || !value.includes('${') || this.secrets.size === 0) return undefined;
    for (const [, address, key, attribute] of value.matchAll(REFERENCED_ATTRIBUTE)) {
      // A repeated block's instance (`deploy[0]`), or the block itself when it stands for all its instances.
      for (const candidate of key === undefined ? [address] : [`${address}${key}`, address]) {
        if (this.secrets.get(candidate) === attribute) return candidate;
      }
    }
    return undefined;
  }
}

// An address, whole (a module path, then `type.name`), possibly with an instance key, then the
// attribute read of it: `azuread_application_password.deploy.value`, `module.ci.azuread_application.app["a"].password`.
// Nothing that continues a name may stand before it, so `x.azuread_application_password.deploy` is not that address.
const REFERENCED_ATTRIBUTE = /(?<![A-Za-z0-9_.\]-])((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*(?:data\.)?[A-Za-z0-9_]+\.[A-Za-z0-9_-]+)(\[[^\]]*\])?\.([A-Za-z0-9_]+)/g;

/** Whether an environment's `reviewers` name someone: a list of users or teams with at least one element. */
function hasReviewers(environment: TerraformBlock | undefined): boolean {
  return nestedBlocks(attributeOf(environment?.body, 'reviewers')).some((r) => ['users', 'teams'].some((k) => {
    const list = attributeOf(r, k);
    return Array.isArray(list) && list.length > 0;
  }));
}

/** The `github_repository_environment` of the configuration a store's environment is: the one referenced, or the one of the same repository and name. */
function environmentOf(body: Record<string, unknown>, repository: string | undefined, environment: string | undefined,
  index: DocumentIndex): TerraformBlock | undefined {
  const reference = parseReference(text(body, 'environment') ?? '');
  const referenced = reference === undefined ? undefined : index.get(reference.address);
  if (referenced?.type === ENVIRONMENT_TYPE) return referenced;
  return environmentsOf(index).get(`${repository}\u0000${environment}`);
}

// The declared environments by repository and name, made once per document: every environment
// secret asks, and a scan of every environment for each was quadratic.
const ENVIRONMENTS = new WeakMap<DocumentIndex, Map<string, TerraformBlock>>();

function environmentsOf(index: DocumentIndex): Map<string, TerraformBlock> {
  let found = ENVIRONMENTS.get(index);
  if (found !== undefined) return found;
  found = new Map();
  for (const e of index.ofType(ENVIRONMENT_TYPE)) {
    const key = `${followed(text(e.body, 'repository'), index)}\u0000${followed(text(e.body, 'environment'), index)}`;
    // The first of a repository and name wins, as a find over the list did.
    if (!found.has(key)) found.set(key, e);
  }
  ENVIRONMENTS.set(index, found);
  return found;
}

function environmentFields(environment: string | undefined, declared: TerraformBlock | undefined) {
  return { environment: environment ?? '(unknown)', environmentDeclared: declared !== undefined, requiredReviewers: hasReviewers(declared) };
}

/** The Terraform Cloud workspaces a document declares, and whether each applies without a confirmation. */
export function readTerraformCloudWorkspaces(index: DocumentIndex, origin: OriginOf): GraphTerraformCloudWorkspace[] {
  return index.ofType('tfe_workspace').map((block) => {
    const autoApply = flag(block.body, 'auto_apply');
    return { origin: origin(block), name: text(block.body, 'name') ?? block.address, autoApply: autoApply === true || autoApply === 'unknown' };
  });
}

/** The GitHub deployment environments a document declares, and whether each has required reviewers. */
export function readGitHubEnvironments(index: DocumentIndex, origin: OriginOf): GraphGitHubEnvironment[] {
  return index.ofType(ENVIRONMENT_TYPE).map((block) => ({
    origin: origin(block),
    repository: followed(text(block.body, 'repository'), index) ?? '(unknown)',
    environment: followed(text(block.body, 'environment'), index) ?? '(unknown)',
    requiredReviewers: hasReviewers(block),
  }));
}

function gitHubStore(block: TerraformBlock, form: GitHubForm, index: DocumentIndex, origin: OriginOf,
  secrets: SecretReferences): GraphCredentialStore {
  const repository = form.inOrganization ? undefined : followed(text(block.body, 'repository'), index);
  const environment = form.inEnvironment ? followed(text(block.body, 'environment'), index) : undefined;
  const credential = form.valueAttributes.map((a) => secrets.heldBy(attributeOf(block.body, a))).find((c) => c !== undefined);
  return {
    origin: origin(block),
    kind: form.kind,
    name: text(block.body, form.nameAttribute) ?? block.address,
    ...(repository === undefined ? {} : { repository }),
    ...(form.inEnvironment ? environmentFields(environment, environmentOf(block.body, repository, environment, index)) : {}),
    ...(form.inOrganization ? { visibility: text(block.body, 'visibility') ?? '(unknown)' } : {}),
    ...(credential === undefined ? {} : { credential }),
  };
}

/**
 * Reads the CI secret stores of one document: GitHub Actions secrets and variables (repository,
 * environment, organization), Azure DevOps variable groups (one store per variable) and Azure
 * Resource Manager service connections. `credentials` are the ones read from the same
 * document: a store holds one when its value references its secret. A service connection signs
 * in with a key only by the `ServicePrincipal` scheme (the default); one with workload identity
 * federation or a managed identity keeps no secret.
 */
export function readCiSecretStores(index: DocumentIndex, origin: OriginOf, credentials: readonly GraphCredential[]): CiSecretStores {
  const secrets = new SecretReferences(index, credentials);
  const stores: GraphCredentialStore[] = [];
  const keys: GraphCredential[] = [];
  for (const [type, form] of GITHUB_FORMS) {
    for (const block of index.ofType(type)) stores.push(gitHubStore(block, form, index, origin, secrets));
  }
  for (const block of index.ofType(VARIABLE_GROUP_TYPE)) {
    const project = followed(text(block.body, 'project_id'), index);
    const variableGroup = text(block.body, 'name') ?? block.address;
    for (const variable of nestedBlocks(attributeOf(block.body, 'variable'))) {
      const credential = secrets.heldBy(attributeOf(variable, 'secret_value')) ?? secrets.heldBy(attributeOf(variable, 'value'));
      stores.push({
        origin: origin(block),
        kind: 'azure-devops-variable-group',
        name: text(variable, 'name') ?? '(unnamed)',
        ...(project === undefined ? {} : { project }),
        variableGroup,
        allPipelines: attributeOf(block.body, 'allow_access') === true || attributeOf(block.body, 'allow_access') === 'true',
        ...(credential === undefined ? {} : { credential }),
      });
    }
  }
  for (const block of index.ofType(SERVICE_CONNECTION_TYPE)) {
    const project = followed(text(block.body, 'project_id'), index);
    const written = nestedBlock(attributeOf(block.body, 'credentials'));
    const servicePrincipalId = text(written, 'serviceprincipalid');
    const key = attributeOf(written, 'serviceprincipalkey');
    const scheme = text(block.body, 'service_endpoint_authentication_scheme') ?? KEY_SCHEME;
    // A scheme Terraform cannot know yet may be the key's: the wider case.
    const signsInWithKey = typeof key === 'string' && key !== '' && (scheme === KEY_SCHEME || scheme.includes('${'));
    let credential: string | undefined;
    if (signsInWithKey) {
      credential = secrets.heldBy(key);
      if (credential === undefined) {
        keys.push({ origin: origin(block), kind: 'service-principal-password', owner: servicePrincipalId ?? block.address });
        credential = block.address;
      }
    }
    stores.push({
      origin: origin(block),
      kind: 'azure-devops-service-connection',
      name: text(block.body, 'service_endpoint_name') ?? block.address,
      ...(project === undefined ? {} : { project }),
      ...(credential === undefined ? {} : { credential }),
      ...(servicePrincipalId === undefined ? {} : { servicePrincipalId }),
    });
  }
  return { stores, keys };
}

/** What names a credential among the stores' links: its document and address. */
export function credentialKey(credential: GraphCredential): string {
  return `${documentKeyOf(credential.origin)}\u0000${credential.origin.address}`;
}

/** The stores that keep each credential, by credentialKey(); stores that keep none are left out. */
export function storesByCredential(graph: { readonly credentialStores: readonly GraphCredentialStore[] }): Map<string, GraphCredentialStore[]> {
  const byCredential = new Map<string, GraphCredentialStore[]>();
  for (const store of graph.credentialStores) {
    if (store.credential === undefined) continue;
    const key = `${documentKeyOf(store.origin)}\u0000${store.credential}`;
    const list = byCredential.get(key);
    if (list === undefined) byCredential.set(key, [store]);
    else list.push(store);
  }
  return byCredential;
}
