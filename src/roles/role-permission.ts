/**
 * One permission block of a role definition, as `az role definition list` prints it.
 * Most roles have one block; a few built-ins have two or three, and all of them count.
 */
export interface RolePermission {
  /** Control-plane operations the role allows (`Microsoft.Compute/virtualMachines/read`, `*`). */
  readonly actions: string[];
  /** Control-plane operations taken away from `actions`. */
  readonly notActions?: string[];
  /** Data-plane operations the role allows (`Microsoft.KeyVault/vaults/secrets/getSecret/action`). */
  readonly dataActions?: string[];
  /** Data-plane operations taken away from `dataActions`. */
  readonly notDataActions?: string[];
  /** An ABAC condition that narrows this block, when the role definition carries one. */
  readonly condition?: string;
  /** Version of `condition` ("2.0" for current conditions). */
  readonly conditionVersion?: string;
}
