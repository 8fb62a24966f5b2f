import { ChangeKind } from './change-kind';
import { PrincipalKind } from '../../model/principal-kind';
import { ScopeLevel } from '../../model/scope-level';
import { PermissionTier } from '../../roles/permission-tier';
import { PrivilegeTier } from '../../roles/privilege-tier';

/** What changed: a standing grant, an eligibility (PIM), or a role's activation policy. */
export type EntryKind = 'standing' | 'eligible' | 'activation-policy';

/**
 * What is held: an Azure RBAC role, an Entra directory role, an application permission (an app
 * role of Microsoft Graph or another API), or membership of a group through PIM for Groups.
 */
export type RoleKind = 'azure-rbac' | 'entra-directory-role' | 'app-permission' | 'pim-group';

/** One access change between base and head. */
export interface AccessChange {
  readonly kind: ChangeKind;
  readonly entry: EntryKind;
  /** The Terraform address in head (in base, for a removal). */
  readonly address: string;
  /** The address in base, when it differs (a rename, a move, or eligibility turned standing). */
  readonly previousAddress?: string;
  /** The cdktf stack, when the inputs came from a cdktf.out directory. */
  readonly stack?: string;
  /** Who holds the access: a resolved name, an object ID, or the value as written. */
  readonly principal: string;
  /** `none` for activation policies, which apply to whoever is eligible. */
  readonly principalKind: PrincipalKind | 'unknown' | 'none';
  readonly roleKind: RoleKind;
  readonly role: string;
  readonly previousRole?: string;
  /**
   * Whether the (head) role can write role assignments; an unreadable role counts as able to. For
   * an Entra directory role or application permission: whether it is tier 0, which can take over
   * the tenant and so grant any access.
   */
  readonly roleCanGrantAccess: boolean;
  /** For a standing Entra directory role or an application permission: its privilege tier (head's, for a change). */
  readonly tier?: PermissionTier;
  /** For an Azure RBAC role: its tier in the catalog (head's, for a change); a role that cannot be read counts as tier 0. */
  readonly roleTier?: PrivilegeTier;
  /**
   * The scope as written in head (in base, for a removal). For an Entra directory role, the
   * directory scope (`/` is the tenant); for an application permission, the API.
   */
  readonly scope: string;
  /** For a scope written as a reference: the name the configuration gives it (`kv-payments`), which reviewers read first. */
  readonly scopeName?: string;
  readonly scopeLevel: ScopeLevel;
  readonly previousScope?: string;
  readonly previousScopeLevel?: ScopeLevel;
  /** What changed, in words a reviewer can check against the code. */
  readonly details: string;
  /** How to avoid it, when it can be avoided (a recreate). */
  readonly fix?: string;
  /** True when the change gives more access than before; see `isEscalation`. */
  readonly escalation: boolean;
}

/** The access changes between two versions, in a stable order, with a count per kind. */
export interface AccessDiff {
  readonly changes: AccessChange[];
  readonly summary: Record<ChangeKind, number>;
  /** How many changes give more access than before. */
  readonly escalations: number;
}
