/** Options of a role grant. */
export interface GrantOptions {
  /**
   * Why this grant needs a subscription, management group, root or unknown scope. Required for
   * those scopes, refused as empty; it is written into the assignment's description and travels
   * in the synthesized JSON as the accepted exception to the wide-scope rule.
   * @default - none; a wide scope without it fails at construction
   */
  readonly justification?: string;
  /**
   * The assignment's description, for people reading the portal. A description is not a
   * justification: it never lets a wide scope through.
   * @default - none
   */
  readonly description?: string;
  /** An ABAC condition that narrows the assignment (e.g. to one blob container). @default - none */
  readonly condition?: string;
  /** The condition's version. @default "2.0" when a condition is given */
  readonly conditionVersion?: string;
  /**
   * The construct ID of the grant. Changing it changes the Terraform address: the assignment is
   * destroyed and created again, and access drops in between.
   * @default - derived from the role and the scope
   */
  readonly id?: string;
}
