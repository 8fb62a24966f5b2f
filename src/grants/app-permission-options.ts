/** Options of granting an application permission. */
export interface AppPermissionGrantOptions {
  /**
   * Why the workload needs this permission. Required for a tier-0 (control plane) permission,
   * refused as empty; it travels in the synthesized JSON, so the review sees it too.
   * @default - none; a tier-0 permission without it fails synthesis
   */
  readonly justification?: string;
  /**
   * The construct ID of the grant. Changing it changes the Terraform address: the assignment is
   * destroyed and created again, and the permission drops in between.
   * @default - derived from the permission's name
   */
  readonly id?: string;
}
