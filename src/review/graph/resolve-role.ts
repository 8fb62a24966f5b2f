import { roleGuidAtEndOf } from '../../model/guid';
import { Role } from '../../roles/role';
import { RoleCatalog } from '../../roles/role-catalog';
import { parseReference } from '../reference';
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
 * built-ins; a `data.azurerm_role_definition` is looked up by its name).
 */
export function resolveRole(
  body: Record<string, unknown>,
  index: DocumentIndex,
  customRoles: Map<string, Role>,
  catalog: RoleCatalog = RoleCatalog.builtIn(),
): GraphRole {
  const name = text(body, 'role_definition_name');
  if (name !== undefined) {
    const role = catalog.tryFromName(name);
    return role ? knownRole(role) : unknownRole(name);
  }
  const id = text(body, 'role_definition_id');
  if (id === undefined) return unknownRole('no role given');
  const reference = parseReference(id);
  if (reference) {
    const custom = customRoles.get(index.keyOf(reference.address, ''));
    if (custom) return knownRole(custom);
    const target = index.get(reference.address);
    if (reference.type === 'azurerm_role_definition' && target) {
      const byName = catalog.tryFromName(text(target.body, 'name') ?? '');
      if (byName) return knownRole(byName);
    }
    return unknownRole(id);
  }
  const guid = roleGuidAtEndOf(id);
  const role = guid ? catalog.tryFromId(guid) ?? [...customRoles.values()].find((r) => r.guid === guid) : undefined;
  return role ? knownRole(role) : unknownRole(id);
}
