import { roleGuidAtEndOf } from '../../model/guid';
import { Role } from '../../roles/role';
import { RoleCatalog } from '../../roles/role-catalog';
import { parseReference, TerraformReference } from '../reference';
import { text } from './block-values';
import { DocumentIndex } from './document-index';
import { GraphRole } from './graph-types';

export function knownRole(role: Role): GraphRole {
  return {
    name: role.name,
    guid: role.guid,
    role,
    canGrantAccess: role.canGrantAccess,
    hasWildcardControlPlane: role.hasWildcardControlPlane,
    isReadOnly: role.isReadOnly,
    known: true,
  };
}

/** A role that cannot be read counts as the most powerful: it may grant access and hold `*`. */
export function unknownRole(description: string): GraphRole {
  return { name: `unknown role (${description})`, canGrantAccess: true, hasWildcardControlPlane: true, isReadOnly: false, known: false };
}

/**
 * The role of an assignment, eligibility or policy: by `role_definition_name`, by any form of
 * `role_definition_id` (GUID, tenant or subscription form, or an expression that ends in one),
 * or by reference to a role definition in the same document (custom roles are classified like
 * built-ins). A `data.azurerm_role_definition` with a literal `name` or `role_definition_id` is
 * the role Terraform reads at plan time, whether the ID is referenced alone or after a scope
 * (`${data.azurerm_subscription.primary.id}${data.azurerm_role_definition.x.id}`, the azurerm
 * docs' form for PIM).
 */
export function resolveRole(
  body: Record<string, unknown>,
  index: DocumentIndex,
  customRoles: Map<string, Role>,
  catalog: RoleCatalog = RoleCatalog.builtIn(),
): GraphRole {
  const name = text(body, 'role_definition_name');
  if (name !== undefined) {
    const role = catalog.tryFromName(name) ?? readRoleDefinitionSource(parseReference(name), index, customRoles, catalog);
    return role ? knownRole(role) : unknownRole(name);
  }
  const id = text(body, 'role_definition_id');
  if (id === undefined) return unknownRole('no role given');
  const reference = parseReference(id);
  if (reference) {
    const custom = customRoles.get(index.keyOf(reference.address, ''));
    if (custom) return knownRole(custom);
    const read = readRoleDefinitionSource(reference, index, customRoles, catalog);
    return read ? knownRole(read) : unknownRole(id);
  }
  const guid = roleGuidAtEndOf(id);
  const role = guid ? catalog.tryFromId(guid) ?? [...customRoles.values()].find((r) => r.guid === guid)
    : readRoleDefinitionSource(trailingReference(id), index, customRoles, catalog) ?? roleLookedUpByName(id, catalog);
  return role ? knownRole(role) : unknownRole(id);
}

// `${lookup(data.azapi_resource_list.role_definitions[0].output.results, "Reader", "Reader")}`: the
// Azure Verified Modules' role lookup (avm-utl-interfaces), a map of the role definitions that a
// data source lists at plan time by name, with the name itself as the default.
const LOOKUP_BY_ROLE_NAME = /^\$\{lookup\([^,]*\bdata\.azapi_resource_list\.[^,]*\.output\.results, ("(?:[^"\\]|\\.)*"), \1\)\}$/;

/**
 * The role of a lookup by name in the role definitions a data source lists, given its name as
 * the default: Terraform gives the ID of the role of that name, or the name itself, which Azure
 * refuses as an ID at apply. So the role that can apply is the built-in role of that name (or of
 * that ID, when an ID is looked up). Custom roles are left unknown: the list may hold any.
 */
function roleLookedUpByName(expression: string, catalog: RoleCatalog): Role | undefined {
  const looked = LOOKUP_BY_ROLE_NAME.exec(expression);
  if (looked === null) return undefined;
  const key = JSON.parse(looked[1]) as string;
  const guid = roleGuidAtEndOf(key);
  return guid === undefined ? catalog.tryFromName(key) : catalog.tryFromId(guid);
}

// The attributes of `data.azurerm_role_definition` that name the role itself (its ID in either form, its GUID, its name).
const ROLE_ATTRIBUTES = new Set(['id', 'role_definition_id', 'name']);

/**
 * The role a `data.azurerm_role_definition` reads, from its literal `name` or
 * `role_definition_id`; undefined when it names neither (or a role this catalog does not hold).
 */
function readRoleDefinitionSource(reference: TerraformReference | undefined, index: DocumentIndex, customRoles: Map<string, Role>,
  catalog: RoleCatalog): Role | undefined {
  if (reference?.type !== 'azurerm_role_definition' || !reference.isData || !ROLE_ATTRIBUTES.has(reference.attribute)) return undefined;
  const target = index.get(reference.address)?.body;
  const byName = text(target, 'name');
  if (byName !== undefined && !byName.includes('${')) return catalog.tryFromName(byName);
  const byId = text(target, 'role_definition_id');
  const guid = byId === undefined ? undefined : roleGuidAtEndOf(byId);
  return guid === undefined ? undefined : catalog.tryFromId(guid) ?? [...customRoles.values()].find((r) => r.guid === guid);
}

// A role's GUID from `data.azurerm_role_definition` inside a text, as the azurerm docs' ABAC example writes it:
// `${data.azurerm_role_definition.r.role_definition_id}`, or `${basename(data.azurerm_role_definition.r.id)}`.
const ROLE_GUID_IN_TEXT = /\$\{(?:(data\.azurerm_role_definition\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.role_definition_id)|basename\((data\.azurerm_role_definition\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.(?:id|role_definition_id))\))\}/g;

/**
 * A text (a role assignment's condition) with the role GUIDs it reads from `data.azurerm_role_definition`
 * written in, as Terraform reads them at plan time from the data source's literal `name` or
 * `role_definition_id`; what cannot be resolved stays as written (unknown: any role).
 */
export function withRoleGuids(written: string, index: DocumentIndex, customRoles: Map<string, Role>,
  catalog: RoleCatalog = RoleCatalog.builtIn()): string {
  if (!written.includes('data.azurerm_role_definition.')) return written;
  return written.replace(ROLE_GUID_IN_TEXT, (whole, bare: string | undefined, inBasename: string | undefined) => {
    const role = readRoleDefinitionSource(parseReference(`\${${bare ?? inBasename}}`), index, customRoles, catalog);
    return role?.guid ?? whole;
  });
}

/** The reference an expression ends in (`${a.id}${data.azurerm_role_definition.x.id}`), when it ends in one. */
function trailingReference(expression: string): TerraformReference | undefined {
  if (!expression.endsWith('}')) return undefined;
  const start = expression.lastIndexOf('${');
  return start < 0 ? undefined : parseReference(expression.slice(start));
}
