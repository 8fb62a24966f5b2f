import { GrantKind } from './grant-kind';
import { ScopeLevel } from '../model/scope-level';
import { RolePlane } from '../roles/role-plane';

/** One grant or eligibility of a synthesized stack, as a reviewer reads it. */
export interface GrantRecord {
  /** Standing, active or eligible, and of an Azure role, an Entra directory role or a group. */
  readonly kind: GrantKind;
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
  /**
   * The role's name: an Azure role, an Entra directory role, or for a group eligibility
   * `member of <group>` / `owner of <group>`.
   *
   * "unknown role <value>" when it cannot be read.
   */
  readonly roleName: string;
  /** The role's plane, for an Azure role in the catalog. */
  readonly plane?: RolePlane;
  /**
   * Where it applies, as written: an ARM scope, a directory scope (`/`, `/administrativeUnits/<id>`)
   * or, for a group eligibility, the group.
   */
  readonly scope: string;
  /**
   * How wide it is. Directory scopes rank as: the tenant (`/`) ROOT, an administrative unit
   * RESOURCE_GROUP, one object RESOURCE. A group eligibility ranks as the widest scope the group
   * holds in the same stack, and UNKNOWN (the widest) when the stack does not show what the group
   * holds.
   */
  readonly scopeLevel: ScopeLevel;
  /** When it ends, as written (an ISO 8601 duration or date-time), and absent for standing and permanent access. */
  readonly expiry?: string;
}

/** A grant a test expects a principal to hold. */
export interface ExpectedGrant {
  /** The role's name as `GrantRecord.roleName` gives it, e.g. "Key Vault Secrets User". */
  readonly roleName: string;
  /** The scope as it appears in the synthesized JSON (resolve tokens with GrantInventory.resolve). */
  readonly scope: string;
}
