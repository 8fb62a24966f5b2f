/**
 * A resource type that carries access, from the reviewed list (data/access-resource-types.json).
 * `via` says which part of a block carries it: the whole resource (`resource`), or a nested block
 * or attribute that is present (`block:identity`, `attribute:owners`), so that a storage account
 * counts only when it attaches an identity.
 */
export interface AccessResourceType {
  readonly type: string;
  /** For azapi: the ARM resource type its `type` argument names (without `@<api-version>`). */
  readonly armType?: string;
  readonly via: string;
  /** One line: what access it carries. */
  readonly reason: string;
}
