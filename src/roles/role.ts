import type { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import type * as ActionTiers from './azure-action-tiers.generated';
import type * as RoleTiers from './azure-role-tiers.generated';
import { ESCALATION_PATHS } from './escalation-paths.generated';
import { PrivilegeTier, tierOfLevel } from './privilege-tier';
import { effectiveActions, effectiveDataActions, classifyPermissions, openedEscalationPaths, RoleClassification } from './role-classification';
import { subscriptionScopedDefinitionId } from './role-definition-id';
import { BUILT_IN_ESCALATION_PATHS } from './role-escalation-paths.generated';
import { RolePermission } from './role-permission';
import { RolePlane } from './role-plane';
import { RoleRecord } from './role-record';
import { azureActionKeys, tierOfActions } from './tier-of-actions';
import { isGuid, ROLE_DEFINITIONS_PATH } from '../model/guid';
import { isUnresolved } from '../private/cdktf-runtime';

/** A custom role given by its GUID and permissions, e.g. one defined outside this stack. */
export interface CustomRoleProps {
  /** The role definition's GUID (the `name` of the definition in ARM), or a token. */
  readonly guid: string;
  /** The role's display name (`roleName`). */
  readonly name: string;
  /** What the role allows. Classification (plane, canGrantAccess, ...) is computed from it. */
  readonly permissions: RolePermission[];
  /**
   * What the role is for, as the role definition describes it.
   * @default - no description
   */
  readonly description?: string;
  /**
   * The full role definition resource ID when it is known (for example the
   * `role_definition_resource_id` of an `azurerm_role_definition`).
   * @default `/providers/Microsoft.Authorization/roleDefinitions/<guid>`
   */
  readonly definitionId?: string;
}

/**
 * An Azure RBAC role definition: built-in (see `BuiltInRole`) or custom. Everything this
 * library says about a role's power (plane, whether it can grant access, read-only,
 * wildcard control plane) is computed from its actions, never listed by hand.
 */
export class Role {
  /** A custom role by GUID and permissions. */
  public static custom(props: CustomRoleProps): Role {
    if (!isUnresolved(props.guid) && !isGuid(props.guid)) {
      throw new Error(
        `Custom role "${props.name}": guid "${props.guid}" is not a GUID. Expected the role definition's name, e.g. 4633458b-17de-408a-b874-0445c86b69e6.`,
      );
    }
    if (!props.name.trim()) {
      throw new Error('Custom role: name must not be empty.');
    }
    return new Role(
      {
        guid: isUnresolved(props.guid) ? props.guid : props.guid.toLowerCase(),
        name: props.name,
        description: props.description ?? '',
        builtIn: false,
        permissions: props.permissions,
      },
      props.definitionId,
    );
  }

  /**
   * A custom role defined in this stack by `azurerm_role_definition`. Its permissions are read
   * from the resource's configuration, so it is classified like a built-in role; its GUID and
   * resource ID are the resource's own attributes.
   */
  public static fromRoleDefinition(definition: RoleDefinition): Role {
    const permissions = definition.permissionsInput;
    if (!Array.isArray(permissions)) {
      throw new Error(
        `${definition.node.path}: the role definition's permissions must be given as a literal list so its power can be classified; got ${isUnresolved(permissions) ? 'a token' : 'nothing'}.`,
      );
    }
    return Role.custom({
      guid: definition.roleDefinitionId,
      name: definition.nameInput ?? definition.name,
      description: definition.descriptionInput,
      definitionId: definition.roleDefinitionResourceId,
      permissions: permissions.map((p) => ({
        actions: p.actions ?? [],
        notActions: p.notActions ?? [],
        dataActions: p.dataActions ?? [],
        notDataActions: p.notDataActions ?? [],
      })),
    });
  }

  /** @internal */
  public static _fromRecord(record: RoleRecord): Role {
    return new Role(record);
  }

  /** The role definition's GUID (a token for a custom role created in the same stack). */
  public readonly guid: string;
  /** The role's name as Azure spells it, e.g. "Key Vault Secrets User". */
  public readonly name: string;
  /** What the role is for, in the role definition's own words. */
  public readonly description: string;
  /** True for Azure's built-in roles. */
  public readonly isBuiltIn: boolean;
  /** The permission blocks, as the role definition lists them. */
  public readonly permissions: RolePermission[];
  private readonly explicitDefinitionId?: string;
  private classification?: RoleClassification;
  private openedPaths?: string[];
  private tierLevel?: number;

  private constructor(record: RoleRecord, definitionId?: string) {
    this.guid = record.guid;
    this.name = record.name;
    this.description = record.description;
    this.isBuiltIn = record.builtIn;
    this.permissions = record.permissions;
    this.explicitDefinitionId = definitionId;
  }

  /** `/providers/Microsoft.Authorization/roleDefinitions/<guid>`, the tenant-wide form. */
  public get definitionId(): string {
    return this.explicitDefinitionId ?? `${ROLE_DEFINITIONS_PATH}${this.guid}`;
  }

  /**
   * `/subscriptions/<subscriptionId>/providers/Microsoft.Authorization/roleDefinitions/<guid>`:
   * the form `azurerm_pim_eligible_role_assignment`, `azurerm_pim_active_role_assignment` and
   * `azurerm_role_management_policy` require, and the one ARM returns for role assignments.
   * @param subscriptionId a subscription GUID or a token that resolves to one
   */
  public subscriptionScopedId(subscriptionId: string): string {
    return subscriptionScopedDefinitionId(subscriptionId, this.guid);
  }

  /** Control plane, data plane, both, or none. */
  public get plane(): RolePlane {
    return this.classify().plane;
  }

  /**
   * Whether the role can write role assignments (`*`, `Microsoft.Authorization/*`,
   * `Microsoft.Authorization/roleAssignments/write`, not removed by notActions): its holder
   * can give anyone, itself included, any role at the scope.
   */
  public get canGrantAccess(): boolean {
    return this.classify().canGrantAccess;
  }

  /** No write, delete or action operation on either plane. */
  public get isReadOnly(): boolean {
    return this.classify().isReadOnly;
  }

  /** `*` among the control-plane actions (Owner, Contributor). */
  public get hasWildcardControlPlane(): boolean {
    return this.classify().hasWildcardControlPlane;
  }

  /** Actions of every block minus the notActions that remove them entirely. */
  public get effectiveActions(): string[] {
    return effectiveActions(this.permissions);
  }

  /** Data actions of every block minus the notDataActions that remove them entirely. */
  public get effectiveDataActions(): string[] {
    return effectiveDataActions(this.permissions);
  }

  /**
   * The IDs of the escalation paths (data/azure-escalation-actions.json) this role's effective
   * actions open, e.g. `vm-run-command` for Virtual Machine Contributor: what the role lets its
   * holder reach beyond its name. Built-in roles read the generated catalog; custom roles are
   * matched the same way, from their own actions.
   */
  public get escalationPaths(): string[] {
    // Built-ins come from the generated map, so what the library says matches what the catalog shows.
    this.openedPaths ??= this.isBuiltIn
      ? BUILT_IN_ESCALATION_PATHS[this.guid] ?? []
      : openedEscalationPaths(this.permissions, ESCALATION_PATHS);
    return [...this.openedPaths];
  }

  /**
   * The Enterprise Access Model tier (entraops classification, data/entraops/): the widest tier
   * among the role's operations. A built-in role reads the generated table; a custom role is
   * judged operation by operation, where an operation the classification does not list (spelt
   * differently, or newer) counts as tier 0: unknown is the wider case.
   */
  public get tier(): PrivilegeTier {
    if (this.tierLevel === undefined) {
      // A built-in of a tenant export that entraops does not know yet is judged like a custom role.
      const builtIn = this.isBuiltIn ? builtInRoleTiers()[this.guid] : undefined;
      this.tierLevel = builtIn ?? tierOfActions(azureActionKeys(this.permissions), (key) => azureActionTiers()[key]).level;
    }
    return tierOfLevel(this.tierLevel);
  }

  /** The role's name and GUID, as messages show it. */
  public toString(): string {
    return `${this.name} (${this.guid})`;
  }

  private classify(): RoleClassification {
    this.classification ??= classifyPermissions(this.permissions);
    return this.classification;
  }
}

/** The built-in roles' tiers, loaded when a tier is first asked (keeps `require()` of the library cheap). */
function builtInRoleTiers(): Record<string, number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./azure-role-tiers.generated') as typeof RoleTiers).BUILT_IN_ROLE_TIERS;
}

/**
 * The classification of every Azure operation, loaded when a custom role's tier is first asked:
 * it is large, and most programs never need it.
 */
function azureActionTiers(): Record<string, number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./azure-action-tiers.generated') as typeof ActionTiers).AZURE_ACTION_TIERS;
}
