import { AZURE_ROLE_RECORDS, AZURE_ROLE_SOURCE } from './azure-roles.generated';
import { didYouMean } from './closest-names';
import { Role } from './role';
import { roleGuidOf } from '../model/guid';

/**
 * A set of Azure role definitions, looked up by exact name (ignoring case) or by any form of
 * role definition ID. `RoleCatalog.builtIn()` holds Azure's built-in roles from the committed
 * snapshot; `RoleCatalog.fromRoles()` makes one that also knows your custom roles.
 */
export class RoleCatalog {
  /** The built-in roles generated from data/azure-builtin-roles.json. */
  public static builtIn(): RoleCatalog {
    RoleCatalog.builtInCatalog ??= new RoleCatalog(
      AZURE_ROLE_RECORDS.map((r) => Role._fromRecord(r)),
      `the ${AZURE_ROLE_SOURCE.roles} roles of ${AZURE_ROLE_SOURCE.file}`,
    );
    return RoleCatalog.builtInCatalog;
  }

  /** A catalog of the given roles (for example the built-ins plus your custom roles). */
  public static fromRoles(roles: Role[]): RoleCatalog {
    return new RoleCatalog(roles, `the ${roles.length} roles of this catalog`);
  }

  private static builtInCatalog?: RoleCatalog;

  /** Every role, in the order given. */
  public readonly roles: Role[];
  private readonly byName = new Map<string, Role>();
  private readonly byGuid = new Map<string, Role>();

  private constructor(roles: Role[], private readonly description: string) {
    this.roles = roles;
    for (const role of roles) {
      const name = role.name.trim().toLowerCase();
      const existing = this.byName.get(name) ?? this.byGuid.get(role.guid.toLowerCase());
      if (existing) {
        throw new Error(`Role catalog: "${role.name}" (${role.guid}) repeats "${existing.name}" (${existing.guid}).`);
      }
      this.byName.set(name, role);
      this.byGuid.set(role.guid.toLowerCase(), role);
    }
  }

  /** The role with this exact name (ignoring case), or undefined. */
  public tryFromName(name: string): Role | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }

  /**
   * The role with this exact name, ignoring case. An unknown name throws an error that names
   * the closest roles ("Key Vault Secret User" → did you mean "Key Vault Secrets User"?).
   */
  public fromName(name: string): Role {
    const role = this.tryFromName(name);
    if (!role) {
      throw new Error(
        `Unknown Azure role "${name}".${didYouMean(name, this.roles.map((r) => r.name))} ` +
          `Role names must match one of ${this.description} exactly (case is ignored); ` +
          'for a custom role use Role.custom() or Role.fromRoleDefinition().',
      );
    }
    return role;
  }

  /** The role with this GUID or role definition ID (bare or subscription-scoped), or undefined. */
  public tryFromId(id: string): Role | undefined {
    const guid = roleGuidOf(id);
    return guid === undefined ? undefined : this.byGuid.get(guid);
  }

  /**
   * The role with this GUID or role definition ID.
   *
   * Throws when the catalog does not hold it.
   */
  public fromId(id: string): Role {
    const guid = roleGuidOf(id);
    if (guid === undefined) {
      throw new Error(
        `"${id}" is not a role definition ID. Accepted: a GUID, /providers/Microsoft.Authorization/roleDefinitions/<guid>, ` +
          'or /subscriptions/<subscription-id>/providers/Microsoft.Authorization/roleDefinitions/<guid>.',
      );
    }
    const role = this.byGuid.get(guid);
    if (!role) {
      throw new Error(`No role with GUID ${guid} among ${this.description}; for a custom role use Role.custom().`);
    }
    return role;
  }
}
