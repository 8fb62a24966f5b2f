import { directoryScopeLevel } from '../../model/directory-scope';
import { isGuid } from '../../model/guid';
import { PrincipalRecord } from '../../model/metadata';
import { ScopeLevel } from '../../model/scope-level';
import { tierOfEntraActions } from '../../roles/entra-action-tier';
import type * as EntraRoleCatalogModule from '../../roles/entra-role-catalog';
import type * as GraphPermissionCatalogModule from '../../roles/graph-permission-catalog';
import { MICROSOFT_GRAPH_APP_ID } from '../../roles/microsoft-graph';
import { APPLICATION_DEFINED } from '../../roles/permission-tier';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { parseReference, TerraformReference } from '../reference';
import { TerraformBlock } from '../terraform-json';
import { attributeOf, nestedBlocks, text } from './block-values';
import { DocumentIndex } from './document-index';
import { definingApplication, isApplicationDefined } from './graph-api';
import {
  GraphApi, GraphAppPermission, GraphCustomDirectoryRole, GraphDirectoryRole, GraphEntraRole, GraphPrincipal, GraphScope, Origin,
} from './graph-types';
import { CLIENT_ID_ATTRIBUTES, clientIdOf, resolvePrincipal } from './resolve-principal';
import { withStableKey } from './stable-principal';

// The built-in Entra roles and Microsoft Graph's permissions (160 KB of data) are loaded when a
// document names an Entra role or an app role: a stack of Azure role assignments names none.
/* eslint-disable @typescript-eslint/no-require-imports */
let entraRoles: EntraRoleCatalogModule.EntraRoleCatalog | undefined;
let graphPermissions: GraphPermissionCatalogModule.GraphPermissionCatalog | undefined;
const entraRoleCatalog = () => (entraRoles ??= (require('../../roles/entra-role-catalog') as typeof EntraRoleCatalogModule).EntraRoleCatalog.builtIn());
/** The Microsoft Graph permission catalog, loaded when first asked for. */
export const graphPermissionCatalog = (): GraphPermissionCatalogModule.GraphPermissionCatalog =>
  (graphPermissions ??= (require('../../roles/graph-permission-catalog') as typeof GraphPermissionCatalogModule).GraphPermissionCatalog.builtIn());
/* eslint-enable @typescript-eslint/no-require-imports */

type OriginOf = (block: TerraformBlock) => Origin;

const SERVICE_PRINCIPAL = 'azuread_service_principal';
const OBJECT_ID_ATTRIBUTES = ['object_id', 'id'];
/** The attributes a client (application) ID is read from, by azuread version (3.x, 2.x). */
/** The key of Microsoft Graph in `azuread_application_published_app_ids.result`. */
const PUBLISHED_GRAPH_KEY = 'MicrosoftGraph';
// `${data.azuread_service_principal.msgraph.app_role_ids["User.Read.All"]}`: a reference and a map key.
const KEYED_REFERENCE = /^\$\{(.+)\["([^"\]]+)"\]\}$/;
// `/administrativeUnits/${azuread_administrative_unit.hr.object_id}`, as the provider's examples write it.
const UNIT_BY_REFERENCE = /^\/administrativeUnits\/(\$\{[^}]+\})$/i;
// `/${azuread_application.app.object_id}`: a role scoped to one application, service principal, group or user.
const OBJECT_BY_REFERENCE = /^\/(\$\{[^}]+\})$/;
const OBJECT_TYPES = ['azuread_application', 'azuread_application_registration', 'azuread_service_principal', 'azuread_group', 'azuread_user'];
/** The application registrations of the tenant: an API whose client ID is one of theirs is no Microsoft first-party API. */
const APPLICATION_TYPES = ['azuread_application', 'azuread_application_registration'];

/** A reference followed by a map key: the reference, and the key. */
export function keyedReference(value: string): { reference: TerraformReference; key: string } | undefined {
  const match = KEYED_REFERENCE.exec(value);
  const reference = match ? parseReference(`\${${match[1]}}`) : undefined;
  return match && reference ? { reference, key: match[2] } : undefined;
}

/** The principal an Entra resource's object-ID argument names (unwritten: unknown). */
export function principalOf(value: string | undefined, index: DocumentIndex, recorded?: PrincipalRecord): GraphPrincipal {
  const written = value ?? '';
  return withStableKey(resolvePrincipal(written, undefined, index, recorded), written, index);
}

/** Nothing to go by counts as the widest: tier 0. */
function unreadRole(name: string): GraphEntraRole {
  return { name, tier: PrivilegeTier.CONTROL_PLANE, known: false };
}

function catalogRole(role: ReturnType<EntraRoleCatalogModule.EntraRoleCatalog['tryFromName']>, fallback: string): GraphEntraRole {
  return role === undefined ? unreadRole(fallback) : { name: role.name, templateId: role.templateId, role, tier: role.tier, known: true };
}

/**
 * The actions of an `azuread_custom_directory_role`: every `permissions` block's
 * `allowed_resource_actions`. Undefined when any list cannot be read (a variable, a function, an
 * element that is an expression, a `dynamic` block): what it grants is then unknown.
 */
function customRoleActions(body: Record<string, unknown> | undefined): string[] | undefined {
  if (body === undefined || attributeOf(body, 'dynamic') !== undefined) return undefined;
  const actions: string[] = [];
  for (const permissions of nestedBlocks(attributeOf(body, 'permissions'))) {
    const list = attributeOf(permissions, 'allowed_resource_actions');
    if (!Array.isArray(list) || list.some((a) => typeof a !== 'string' || a.includes('${'))) return undefined;
    actions.push(...(list as string[]));
  }
  return actions;
}

/**
 * A custom directory role, tiered as the built-in ones are: by the widest tier among its
 * `allowed_resource_actions` (src/roles/entra-action-tier.ts). Actions that cannot be read, an
 * action entraops does not classify, or no action at all: tier 0, the wider case.
 */
function customRole(address: string, body: Record<string, unknown> | undefined): GraphEntraRole {
  const name = `custom role ${text(body, 'display_name') ?? address}`;
  const actions = customRoleActions(body);
  if (actions === undefined) return unreadRole(`${name} (its actions cannot be read)`);
  const templateId = text(body, 'template_id');
  const written = templateId !== undefined && isGuid(templateId) ? { templateId: templateId.toLowerCase() } : {};
  const { tier, unclassified } = tierOfEntraActions(actions);
  // As an Azure custom role's name says what was counted as "*": the reader sees why it is tier 0.
  const why = actions.length === 0 ? ' (no actions, counted as tier 0)'
    : unclassified.length ? ` (actions no classification lists, counted as tier 0: ${unclassified.join(', ')})` : '';
  return { name: `${name}${why}`, ...written, tier, known: true, customActions: actions };
}

/**
 * The Entra role a `role_id` or `role_object_id` names: a built-in role by its template ID, an
 * `azuread_directory_role` (activated by `template_id` or `display_name`) by reference, or an
 * `azuread_custom_directory_role` by reference (`object_id` or `template_id`), tiered by its
 * actions. An object ID differs in every tenant, so a literal one that is no template ID counts as tier 0.
 */
export function entraRoleOf(value: string | undefined, index: DocumentIndex): GraphEntraRole {
  const catalog = entraRoleCatalog();
  if (value === undefined) return unreadRole('(no role written)');
  if (isGuid(value)) return catalogRole(catalog.tryFromTemplateId(value), value);
  const reference = parseReference(value);
  const body = reference === undefined ? undefined : index.get(reference.address)?.body;
  if (reference?.type === 'azuread_directory_role') {
    const templateId = text(body, 'template_id');
    if (templateId !== undefined && isGuid(templateId)) return catalogRole(catalog.tryFromTemplateId(templateId), value);
    const name = text(body, 'display_name');
    if (name !== undefined && !name.includes('${')) return catalogRole(catalog.tryFromName(name), value);
  }
  if (reference?.type === 'azuread_custom_directory_role') return customRole(reference.address, body);
  return unreadRole(value);
}

/**
 * A `directory_scope_id`: `/` (the tenant) when absent, as the provider defaults it; an
 * administrative unit also when written by reference (its `id` is `/administrativeUnits/<id>`).
 */
export function directoryScopeOf(value: string | undefined, index: DocumentIndex): GraphScope {
  const scope = value ?? '/';
  const whole = parseReference(scope);
  const inner = UNIT_BY_REFERENCE.exec(scope);
  const part = inner ? parseReference(inner[1]) : undefined;
  const unit = whole?.type === 'azuread_administrative_unit' && whole.attribute === 'id' ? whole
    : part?.type === 'azuread_administrative_unit' && OBJECT_ID_ATTRIBUTES.includes(part.attribute) ? part : undefined;
  if (unit !== undefined) {
    const name = text(index.get(unit.address)?.body, 'display_name');
    return { value: scope, level: ScopeLevel.RESOURCE_GROUP, ...(name === undefined ? {} : { name, stableKey: `administrativeunit:${name.toLowerCase()}` }) };
  }
  // `/${azuread_application.app.object_id}`: one object of the directory, named by reference.
  const object = OBJECT_BY_REFERENCE.exec(scope);
  const target = object ? parseReference(object[1]) : undefined;
  const declared = target !== undefined && OBJECT_TYPES.includes(target.type) && index.get(target.address) !== undefined;
  if (target !== undefined && declared && OBJECT_ID_ATTRIBUTES.includes(target.attribute)) {
    const name = text(index.get(target.address)?.body, 'display_name') ?? target.address;
    return { value: scope, level: ScopeLevel.RESOURCE, name, stableKey: `object:${target.type}:${name.toLowerCase()}` };
  }
  return { value: scope, level: directoryScopeLevel(scope), stableKey: scope.includes('${') ? undefined : scope.toLowerCase() };
}

/** The custom directory roles the document defines, each with the tier its actions give it, assigned or not. */
export function readCustomDirectoryRoles(index: DocumentIndex, origin: OriginOf): GraphCustomDirectoryRole[] {
  return index.ofType('azuread_custom_directory_role').map((block) => {
    const actions = customRoleActions(block.body);
    return { origin: origin(block), role: customRole(block.address, block.body), ...(actions === undefined ? {} : { actions }) };
  });
}

/**
 * The scope of an `administrative_unit_object_id`: that administrative unit, written as a
 * `directory_scope_id` would be. A unit that cannot be named is still a unit, never the tenant.
 */
function administrativeUnitScopeOf(value: string | undefined, index: DocumentIndex): GraphScope {
  const scope = directoryScopeOf(`/administrativeUnits/${value ?? '(no unit written)'}`, index);
  return scope.level === ScopeLevel.UNKNOWN ? { ...scope, level: ScopeLevel.RESOURCE_GROUP } : scope;
}

/** Where each resource that gives a standing directory role writes its principal, role and scope. */
const DIRECTORY_ROLE_FORMS: readonly {
  readonly type: string;
  readonly principal: string;
  readonly role: string;
  readonly scope: (body: Record<string, unknown>, index: DocumentIndex) => GraphScope;
  readonly via: GraphDirectoryRole['via'];
}[] = [
  {
    type: 'azuread_directory_role_assignment',
    principal: 'principal_object_id',
    role: 'role_id',
    scope: (body, index) => directoryScopeOf(text(body, 'directory_scope_id'), index),
    via: 'role-assignment',
  },
  // Membership of an activated role is always tenant-wide.
  { type: 'azuread_directory_role_member', principal: 'member_object_id', role: 'role_object_id', scope: (_, index) => directoryScopeOf('/', index), via: 'role-member' },
  {
    type: 'azuread_administrative_unit_role_member',
    principal: 'member_object_id',
    role: 'role_object_id',
    scope: (body, index) => administrativeUnitScopeOf(text(body, 'administrative_unit_object_id'), index),
    via: 'administrative-unit-role-member',
  },
];

/**
 * Standing Entra directory roles: role assignments (at a directory scope), role members
 * (tenant-wide) and administrative-unit role members (`azuread_administrative_unit_role_member`,
 * scoped to their unit).
 */
export function readDirectoryRoles(index: DocumentIndex, origin: OriginOf): GraphDirectoryRole[] {
  const roles: GraphDirectoryRole[] = [];
  for (const form of DIRECTORY_ROLE_FORMS) {
    for (const block of index.ofType(form.type)) {
      roles.push({
        origin: origin(block),
        principal: principalOf(text(block.body, form.principal), index),
        role: entraRoleOf(text(block.body, form.role), index),
        scope: form.scope(block.body, index),
        via: form.via,
      });
    }
  }
  return roles;
}

/** Whether a `client_id` as written is Microsoft Graph's: literal, or from the published app IDs. */
function isGraphClientId(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value.toLowerCase() === MICROSOFT_GRAPH_APP_ID) return true;
  const keyed = keyedReference(value);
  if (keyed?.reference.type === 'azuread_application_published_app_ids') return keyed.reference.attribute === 'result' && keyed.key === PUBLISHED_GRAPH_KEY;
  const reference = parseReference(value);
  return reference?.type === 'azuread_application_published_app_ids' && reference.attribute === `result.${PUBLISHED_GRAPH_KEY}`;
}

/** The API a service principal (resource or data source) stands for, by its `client_id` (`application_id` in azuread 2.x). */
function apiOfServicePrincipal(address: string, written: string, index: DocumentIndex): GraphApi {
  const body = index.get(address)?.body;
  const clientId = clientIdOf(body);
  if (isGraphClientId(clientId)) return { kind: 'microsoft-graph', name: 'Microsoft Graph', written };
  const displayName = text(body, 'display_name');
  // A data source may look Graph up by its name: the lookup fails unless exactly one has it.
  if (clientId === undefined && displayName === 'Microsoft Graph') return { kind: 'microsoft-graph', name: 'Microsoft Graph', written };
  const clientReference = clientId === undefined ? undefined : parseReference(clientId);
  if (clientId !== undefined && isGuid(clientId)) return { kind: 'other', name: displayName ?? `${address} (client ID ${clientId})`, written };
  if (clientReference !== undefined && APPLICATION_TYPES.includes(clientReference.type)) {
    return apiOfApplication(clientReference.address, written, index);
  }
  return { kind: 'unknown', name: `${address} (its client ID cannot be read)`, written };
}

/** The API an application registration of the tenant exposes, named by its display name: its roles and scopes are its own. */
function apiOfApplication(address: string, written: string, index: DocumentIndex): GraphApi {
  return { kind: 'other', name: text(index.get(address)?.body, 'display_name') ?? address, written, application: address };
}

/**
 * The API a client (application) ID names, as `required_resource_access.resource_app_id` and
 * `api_client_id` write it: Microsoft Graph's, literal or from the published app IDs; a service
 * principal's or an application's `client_id` by reference. Another literal client ID is some
 * other API; anything else cannot be read.
 */
export function apiOfClientId(value: string | undefined, index: DocumentIndex): GraphApi {
  const written = value ?? '';
  if (isGraphClientId(value)) return { kind: 'microsoft-graph', name: 'Microsoft Graph', written };
  if (value !== undefined && isGuid(value)) return { kind: 'other', name: `client ID ${value.toLowerCase()}`, written };
  const reference = value === undefined ? undefined : parseReference(value);
  if (reference !== undefined && CLIENT_ID_ATTRIBUTES.includes(reference.attribute)) {
    if (reference.type === SERVICE_PRINCIPAL) return apiOfServicePrincipal(reference.address, written, index);
    if (APPLICATION_TYPES.includes(reference.type)) return apiOfApplication(reference.address, written, index);
  }
  return { kind: 'unknown', name: written || '(no API written)', written };
}

/**
 * The API of a `resource_object_id`: a service principal by reference is the API its client ID
 * names. A literal object ID differs in every tenant, so which API it is cannot be read.
 */
export function apiOf(value: string | undefined, index: DocumentIndex): GraphApi {
  const written = value ?? '';
  const reference = value === undefined ? undefined : parseReference(value);
  if (reference?.type === SERVICE_PRINCIPAL && OBJECT_ID_ATTRIBUTES.includes(reference.attribute)) {
    return apiOfServicePrincipal(reference.address, written, index);
  }
  return { kind: 'unknown', name: written || '(no API written)', written };
}

/** Where an application defines its app roles and its delegated scopes, by the resource's own blocks and by the resources that add them. */
const DEFINED_IN = {
  role: { blocks: (body: Record<string, unknown> | undefined) => nestedBlocks(attributeOf(body, 'app_role')), resource: 'azuread_application_app_role', id: 'role_id' },
  scope: {
    blocks: (body: Record<string, unknown> | undefined) => nestedBlocks(attributeOf(body, 'api')).flatMap((api) => nestedBlocks(attributeOf(api, 'oauth2_permission_scope'))),
    resource: 'azuread_application_permission_scope',
    id: 'scope_id',
  },
};

/**
 * The name (`value`) an application of the configuration gives the app role or scope of an ID:
 * in its own `app_role` or `api.oauth2_permission_scope` blocks, or in an
 * `azuread_application_app_role` / `azuread_application_permission_scope` of it. Undefined when
 * the configuration does not say.
 */
export function nameInApplication(application: string, id: string, kind: keyof typeof DEFINED_IN, index: DocumentIndex): string | undefined {
  const where = DEFINED_IN[kind];
  const wanted = id.toLowerCase();
  const own = where.blocks(index.get(application)?.body).find((b) => text(b, 'id')?.toLowerCase() === wanted);
  if (own !== undefined) return text(own, 'value') ?? text(own, 'display_name');
  const added = index.ofType(where.resource).find((b) => text(b.body, where.id)?.toLowerCase() === wanted
    && parseReference(text(b.body, 'application_id') ?? '')?.address === application);
  return added === undefined ? undefined : text(added.body, 'value') ?? text(added.body, 'display_name');
}

/** The API a map of app role IDs belongs to: a service principal's, or an application's (`azuread_application.x.app_role_ids`). */
function apiOfRoleMap(reference: TerraformReference, written: string, index: DocumentIndex): GraphApi | undefined {
  if (reference.attribute !== 'app_role_ids') return undefined;
  if (reference.type === SERVICE_PRINCIPAL) return apiOfServicePrincipal(reference.address, written, index);
  return APPLICATION_TYPES.includes(reference.type) ? apiOfApplication(reference.address, written, index) : undefined;
}

/** A Microsoft Graph application permission by its app role ID, as the catalog names and tiers it (the live tenant's). */
export function graphAppPermissionOf(appRoleId: string, resourceObjectId: string, index: DocumentIndex): Omit<GraphAppPermission, 'origin' | 'principal'> {
  return appPermissionOf(appRoleId, { kind: 'microsoft-graph', name: 'Microsoft Graph', written: resourceObjectId }, index);
}

/**
 * The app role of an `app_role_id`: a GUID of the Microsoft Graph catalog (app role IDs are the
 * same in every tenant), or `<service principal or application>.app_role_ids["Name"]` by name.
 * An app role of an application of the tenant is application-defined, whatever it is called or
 * however it is written; one that cannot be read on any other API counts as tier 0.
 */
function appPermissionOf(value: string | undefined, api: GraphApi, index: DocumentIndex): Omit<GraphAppPermission, 'origin' | 'principal'> {
  const catalog = graphPermissionCatalog();
  const unread = (name: string, onApi: GraphApi = api) => ({ api: onApi, name, tier: PrivilegeTier.CONTROL_PLANE, known: false });
  const applicationDefined = (name: string, onApi: GraphApi, known: boolean, appRoleId?: string) =>
    ({ api: onApi, name, ...(appRoleId === undefined ? {} : { appRoleId }), tier: APPLICATION_DEFINED, known });
  if (value === undefined) return isApplicationDefined(api) ? applicationDefined('(no app role written)', api, false) : unread('(no app role written)');
  if (isGuid(value)) {
    const id = value.toLowerCase();
    const application = definingApplication(api);
    if (application !== undefined) {
      const name = nameInApplication(application, id, 'role', index);
      return applicationDefined(name ?? id, api, name !== undefined, id);
    }
    const permission = api.kind === 'other' ? undefined : catalog.tryFromAppRoleId(value);
    if (permission === undefined) return { ...unread(value), appRoleId: id };
    return { api, name: permission.name, appRoleId: permission.appRoleId, permission, tier: permission.tier, known: true };
  }
  const keyed = keyedReference(value);
  const named = keyed === undefined ? undefined : apiOfRoleMap(keyed.reference, api.written, index);
  if (keyed !== undefined && named !== undefined) {
    // The role is named on a service principal or an application: the API is that one, unless resource_object_id says which.
    const onApi = api.kind === 'unknown' ? named : api;
    if (isApplicationDefined(onApi)) return applicationDefined(keyed.key, onApi, true);
    if (onApi.kind !== 'microsoft-graph') return { ...unread(keyed.key, onApi), ...(onApi.kind === 'other' ? { known: true } : {}) };
    const permission = catalog.tryFromName(keyed.key);
    if (permission === undefined) return unread(keyed.key, onApi);
    return { api: onApi, name: permission.name, appRoleId: permission.appRoleId, permission, tier: permission.tier, known: true };
  }
  return isApplicationDefined(api) ? applicationDefined(value, api, false) : unread(value);
}

/** Application permissions: `azuread_app_role_assignment`, with the API and the app role resolved. */
export function readAppPermissions(index: DocumentIndex, origin: OriginOf): GraphAppPermission[] {
  return index.ofType('azuread_app_role_assignment').map((block) => ({
    origin: origin(block),
    principal: principalOf(text(block.body, 'principal_object_id'), index),
    ...appPermissionOf(text(block.body, 'app_role_id'), apiOf(text(block.body, 'resource_object_id'), index), index),
  }));
}
