import { isGuid } from '../../model/guid';
import { delegatedScopeNameOfId } from '../../roles/delegated-scope-tier';
import { APPLICATION_DEFINED } from '../../roles/permission-tier';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { parseReference } from '../reference';
import { TerraformBlock } from '../terraform-json';
import { attributeOf, nestedBlocks, text } from './block-values';
import { DocumentIndex } from './document-index';
import { apiOfClientId, graphPermissionCatalog, keyedReference, nameInApplication } from './entra-access';
import { delegatedScopeOf } from './entra-consent';
import { definingApplication } from './graph-api';
import { GraphApi, GraphRequestedPermission, Origin } from './graph-types';

type OriginOf = (block: TerraformBlock) => Origin;
type Requested = Omit<GraphRequestedPermission, 'origin' | 'application'>;

const KIND_OF_TYPE: ReadonlyMap<string, GraphRequestedPermission['kind']> = new Map([['role', 'application'], ['scope', 'delegated']]);
/** The maps of a service principal that name its app roles and its scopes: `app_role_ids["User.Read.All"]`. */
const ID_MAPS = ['app_role_ids', 'oauth2_permission_scope_ids'];

/** The name an ID is written by, when it is `<service principal>.app_role_ids["Name"]` or `.oauth2_permission_scope_ids["Name"]`. */
function nameInMap(id: string): string | undefined {
  const keyed = keyedReference(id);
  return keyed !== undefined && ID_MAPS.includes(keyed.reference.attribute) ? keyed.key : undefined;
}

/**
 * One requested permission, named and tiered as far as the data goes. A Microsoft Graph app role
 * by its ID (the same in every tenant) or its name; a delegated Graph scope by its name, or by its
 * ID when the reviewed table (data/graph-delegated-scopes.json) lists it. An application of the
 * tenant's roles and scopes are application-defined, named from its own blocks when the
 * configuration declares them. What cannot be named, or is another API's, counts as tier 0 unclassified.
 */
function requested(id: string, kind: GraphRequestedPermission['kind'], api: GraphApi, index: DocumentIndex): Requested {
  const unclassified = (name: string): Requested => ({ api, kind, name, id, tier: PrivilegeTier.CONTROL_PLANE, classified: false });
  const named = nameInMap(id);
  const application = definingApplication(api);
  if (application !== undefined) {
    const own = named ?? (isGuid(id) && kind !== 'unknown' ? nameInApplication(application, id, kind === 'application' ? 'role' : 'scope', index) : undefined);
    return { api, kind, name: own ?? id, id, tier: APPLICATION_DEFINED, classified: true };
  }
  if (kind === 'delegated') {
    // Graph's scope IDs are the same in every tenant, as its app role IDs are: an API that cannot be read may be Graph.
    const name = named ?? (api.kind !== 'other' && isGuid(id) ? delegatedScopeNameOfId(id) : undefined);
    if (name === undefined) return unclassified(id);
    const scope = delegatedScopeOf(name, api);
    return { api, kind, name, id, tier: scope.tier, classified: scope.classified };
  }
  if (kind !== 'application' || api.kind === 'other') return unclassified(named ?? id);
  const catalog = graphPermissionCatalog();
  const permission = named !== undefined ? catalog.tryFromName(named) : isGuid(id) ? catalog.tryFromAppRoleId(id) : undefined;
  if (permission === undefined) return unclassified(named ?? id);
  return { api, kind, name: permission.name, id, permission, tier: permission.tier, classified: true };
}

/** A list of IDs as written: its strings, or the whole value as one ID when it is not a list (a variable). */
function ids(body: Record<string, unknown>, attribute: string): string[] {
  const value = attributeOf(body, attribute);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [typeof value === 'string' ? value : JSON.stringify(value)];
  return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

/** The address of the application an `application_id` names, or the value as written. */
function applicationOf(value: string | undefined): string {
  const reference = value === undefined ? undefined : parseReference(value);
  return reference?.address ?? value ?? '(no application written)';
}

/**
 * What applications request: `required_resource_access` of `azuread_application` and
 * `azuread_application_api_access`. A request holds nothing until it is consented or assigned.
 */
export function readRequestedPermissions(index: DocumentIndex, origin: OriginOf): GraphRequestedPermission[] {
  const permissions: GraphRequestedPermission[] = [];
  for (const block of index.ofType('azuread_application')) {
    for (const resource of nestedBlocks(attributeOf(block.body, 'required_resource_access'))) {
      const api = apiOfClientId(text(resource, 'resource_app_id'), index);
      for (const access of nestedBlocks(attributeOf(resource, 'resource_access'))) {
        const kind = KIND_OF_TYPE.get((text(access, 'type') ?? '').toLowerCase()) ?? 'unknown';
        permissions.push({ origin: origin(block), application: block.address, ...requested(text(access, 'id') ?? '(no ID written)', kind, api, index) });
      }
    }
  }
  for (const block of index.ofType('azuread_application_api_access')) {
    const api = apiOfClientId(text(block.body, 'api_client_id'), index);
    const application = applicationOf(text(block.body, 'application_id'));
    for (const id of ids(block.body, 'role_ids')) permissions.push({ origin: origin(block), application, ...requested(id, 'application', api, index) });
    for (const id of ids(block.body, 'scope_ids')) permissions.push({ origin: origin(block), application, ...requested(id, 'delegated', api, index) });
  }
  return permissions;
}
