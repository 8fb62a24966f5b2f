import { PrincipalKind } from '../../model/principal-kind';
import { ScopeLevel } from '../../model/scope-level';
import { RolePlane } from '../../roles/role-plane';

/** One row of the report: a grant or an eligibility. */
export interface ReportRow {
  readonly principal: string;
  readonly principalKind: PrincipalKind | 'unknown';
  readonly role: string;
  readonly plane: RolePlane | 'unknown';
  readonly scope: string;
  /** An Azure scope level; `directory` for Entra roles and directory-role eligibility; `group`; `api` for application permissions. */
  readonly scopeLevel: ScopeLevel | 'directory' | 'group' | 'api';
  /** For Entra roles and application permissions: the privilege tier (tier 0 can take over the tenant). */
  readonly tier?: string;
  /** standing (a role assignment), active (time-bound PIM) or eligible. */
  readonly access: 'standing' | 'active' | 'eligible';
  /** When the access ends: a date, a duration, or "never". */
  readonly expiry: string;
  readonly address: string;
  readonly file: string;
  /** Set when the row stands for many instances: an unknown number (`for_each = var.roles`), or `repeatedTimes`. */
  readonly repeated?: string;
  /** Set beside `repeated` when the number is known but too large to expand (`count = 1000000`): the row stands for this many. */
  readonly repeatedTimes?: number;
  /** The scope's own name when the input says it (`kv-payments` for `${azurerm_key_vault.kv.id}`). */
  readonly scopeName?: string;
  /** For a subscription the input declares with a name (`azurerm_subscription`): that name. */
  readonly subscriptionName?: string;
  /** Why a wide scope is accepted: the grant's written justification (its AZA001 suppression). */
  readonly justification?: string;
  /** Every accepted exception recorded on the row's resource: rule, reason, until, what it accepts. */
  readonly suppressions: ReportSuppression[];
  /** For an eligibility (an Azure role, a directory role, PIM for Groups): the policy that governs its activation, in words. */
  readonly activation?: string;
}

/** An accepted exception, as an auditor reads it beside the grant. */
export interface ReportSuppression {
  readonly ruleId: string;
  readonly reason: string;
  readonly until?: string;
  readonly accepts?: string[];
}
