import { ScopeLevel } from '../model/scope-level';
import { RolePlane } from '../roles/role-plane';

/** One standing role assignment of a synthesized stack, as a reviewer reads it. */
export interface GrantRecord {
  /** The Terraform address, e.g. `azurerm_role_assignment.OrderingApi_KeyVaultSecretsUser-kv_Assignment_1A2B3C4D`. */
  readonly address: string;
  /** The construct path, when cdktf recorded one. */
  readonly constructPath?: string;
  /** The `principal_id` value as written in the JSON (a GUID or a reference). */
  readonly principalId: string;
  /** The principal's name when the JSON says it (an identity's name), else the ID. */
  readonly principalName: string;
  /** `User`, `Group` or `ServicePrincipal`, or "unknown". */
  readonly principalType: string;
  /** The role's name, or "unknown role <value>". */
  readonly roleName: string;
  /** The role's plane, when the role is in the catalog. */
  readonly plane?: RolePlane;
  /** The `scope` value as written in the JSON. */
  readonly scope: string;
  readonly scopeLevel: ScopeLevel;
}

/** A grant a test expects a principal to hold. */
export interface ExpectedGrant {
  readonly roleName: string;
  /** The scope as it appears in the synthesized JSON (resolve tokens with GrantInventory.resolve). */
  readonly scope: string;
}
