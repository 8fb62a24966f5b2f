import { GraphCredentialStore, GraphCredentialStoreKind } from './graph-types';

const WORDS: Record<GraphCredentialStoreKind, string> = {
  'github-actions-secret': 'GitHub Actions secret',
  'github-actions-environment-secret': 'GitHub Actions secret',
  'github-actions-organization-secret': 'GitHub Actions organization secret',
  'github-actions-variable': 'GitHub Actions variable (unmasked)',
  'github-actions-environment-variable': 'GitHub Actions variable (unmasked)',
  'github-actions-organization-variable': 'GitHub Actions organization variable (unmasked)',
  'azure-devops-variable-group': 'Azure DevOps variable',
  'azure-devops-service-connection': 'Azure DevOps service connection',
  'key-vault-secret': 'Key Vault secret',
  'app-setting': 'app setting',
  'app-configuration-key': 'App Configuration key',
  'automation-asset': 'Automation asset',
};

/** What the resource that keeps a store in Azure is called: `vault kv-ops`, `app app-orders`. */
const KEPT_IN: Partial<Record<GraphCredentialStoreKind, string>> = {
  'key-vault-secret': 'vault',
  'app-setting': 'app',
  'app-configuration-key': 'App Configuration store',
  'automation-asset': 'Automation account',
};

/** Whether a store is kept in an Azure resource: who can read it there is a question of Azure roles, so reach follows it. */
export function isKeptInAzure(store: GraphCredentialStore): boolean {
  return KEPT_IN[store.kind] !== undefined;
}

/** Where a store is: `repository contoso/infra`, `environment prod of repository infra`, `project platform`. */
function placeOf(store: GraphCredentialStore): string | undefined {
  const keptIn = KEPT_IN[store.kind];
  if (keptIn !== undefined) return `${keptIn} ${store.keptIn ?? '(unknown)'}`;
  if (store.environment !== undefined) return `environment ${store.environment} of repository ${store.repository ?? '(unknown)'}`;
  if (store.repository !== undefined) return `repository ${store.repository}`;
  if (store.variableGroup !== undefined) return `variable group ${store.variableGroup}${store.project === undefined ? '' : ` (project ${store.project})`}`;
  if (store.project !== undefined) return `project ${store.project}`;
  return undefined;
}

/**
 * `GitHub Actions secret AZURE_CLIENT_SECRET of repository contoso/infra`, `Azure DevOps service
 * connection sc-prod of project platform`, `Key Vault secret sp-deploy of vault kv-ops`: how
 * findings and the report name a store.
 */
export function describeCredentialStore(store: GraphCredentialStore): string {
  const place = placeOf(store);
  return `${WORDS[store.kind]} ${store.name}${place === undefined ? '' : ` of ${place}`}`;
}

/** Who can run a job that reads an organization secret or variable, by its visibility; one that cannot be read is the widest. */
function organizationReach(visibility: string | undefined): string {
  if (visibility === 'selected') return 'whoever can run a workflow in a repository it is shared with';
  if (visibility === 'private') return 'whoever can run a workflow in any private repository of the organization';
  return 'whoever can run a workflow in any repository of the organization';
}

/** Who can use what a store keeps, as the subject of "signs in as …": `whoever can run a workflow there`. */
export function whoCanUseStore(store: GraphCredentialStore): string {
  switch (store.kind) {
    case 'github-actions-secret':
    case 'github-actions-variable':
      return 'whoever can run a workflow there';
    case 'github-actions-environment-secret':
    case 'github-actions-environment-variable':
      return store.requiredReviewers ? 'a workflow there that a required reviewer approved' : 'whoever can run a workflow there';
    case 'github-actions-organization-secret':
    case 'github-actions-organization-variable':
      return organizationReach(store.visibility);
    case 'azure-devops-variable-group':
      return store.allPipelines ? 'every pipeline of the project' : 'a pipeline authorized to use the group';
    case 'azure-devops-service-connection':
      return 'a pipeline authorized to use it';
    case 'key-vault-secret':
      return 'whoever can read the vault\'s secrets';
    case 'app-setting':
      return 'whoever can list the app\'s settings';
    case 'app-configuration-key':
      return 'whoever can read the store\'s key values';
    case 'automation-asset':
      return 'whoever can run a runbook in the account';
  }
}

/**
 * How an environment's store compares with a repository secret: narrower behind required
 * reviewers, as wide without them. Undefined for the other stores.
 */
export function storeBreadthNote(store: GraphCredentialStore): string | undefined {
  if (store.kind !== 'github-actions-environment-secret' && store.kind !== 'github-actions-environment-variable') return undefined;
  if (store.requiredReviewers) return 'narrower than a repository secret';
  // An environment declared elsewhere may have reviewers the review cannot see: said so, counted as none.
  return store.environmentDeclared === false
    ? 'the environment is not declared here, so its reviewers cannot be seen: counted as none, as wide as a repository secret'
    : 'no required reviewers: as wide as a repository secret';
}
