import { parseReference } from '../reference';
import { TerraformBlock } from '../terraform-json';
import { attributeOf, nestedBlock, nestedBlocks, text } from './block-values';
import { DocumentIndex } from './document-index';
import { GraphCredential, GraphCredentialStore, GraphCredentialStoreKind, Origin } from './graph-types';
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
  private readonly secrets: { readonly address: string; readonly attribute: string }[];

  constructor(index: DocumentIndex, credentials: readonly GraphCredential[]) {
    const addresses = new Set(credentials
      .filter((c) => c.kind === 'application-password' || c.kind === 'service-principal-password')
      .map((c) => c.origin.address));
    this.secrets = [...addresses].map((address) => ({
      address,
      // An application's inline passwords are its `password` set; a password resource's secret is its `value`.
      attribute: index.get(address)?.type === 'azuread_application' ? 'password' : 'value',
    }));
  }

  /** The address of the first credential the value holds, if any. */
  public heldBy(value: unknown): string | undefined {
    if (typeof value !== 'string' || !value.includes('${') || this.secrets.length === 0) return undefined;
    return this.secrets.find((s) => referencesAttribute(value, s.address, s.attribute))?.address;
  }
}

// What may stand before an address that is the whole address: not a name, nor a module prefix or `data.` (`.`).
const ADDRESS_CONTINUES = /[A-Za-z0-9_.\]-]/;

/** Whether the text names `<address>.<attribute>`, the address possibly followed by an instance key (a repeated block). */
function referencesAttribute(value: string, address: string, attribute: string): boolean {
  for (let at = value.indexOf(address); at >= 0; at = value.indexOf(address, at + 1)) {
    if (at > 0 && ADDRESS_CONTINUES.test(value[at - 1])) continue;
    const rest = value.slice(at + address.length);
    const match = /^(?:\[[^\]]*\])?\.([A-Za-z0-9_]+)/.exec(rest);
    if (match?.[1] === attribute) return true;
  }
  return false;
}

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
  return index.ofType(ENVIRONMENT_TYPE).find((e) =>
    followed(text(e.body, 'environment'), index) === environment && followed(text(e.body, 'repository'), index) === repository);
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
    ...(form.inEnvironment ? { environment: environment ?? '(unknown)', requiredReviewers: hasReviewers(environmentOf(block.body, repository, environment, index)) } : {}),
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
