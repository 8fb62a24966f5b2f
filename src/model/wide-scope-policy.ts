import { SuppressionRecord } from './metadata';
import { RuleId } from './rule-id';
import { isWideScope, ScopeLevel } from './scope-level';

/**
 * The wide-scope decision (rule AZA001), in one place for both sides: the AZA001 rule judges
 * the AccessGraph with it, and the library's own grants check themselves with it at synth when
 * no AccessGuard watches their stack. A standing grant at a subscription, management group,
 * root or unknown scope needs a written reason (a justification, recorded as an AZA001
 * suppression), unless the scope is one the settings allow.
 */

/** The settings the decision reads; the guard's props carry them. */
export interface WideScopeSettings {
  /** Scope IDs where standing grants need no justification, compared ignoring case. */
  readonly allowedWideScopes: readonly string[];
}

/** The default: no scope is allowed without a reason. */
export const NO_ALLOWED_WIDE_SCOPES: WideScopeSettings = { allowedWideScopes: [] };

/** What to do about a wide grant: written once for the rule and for the constructs. */
export const WIDE_SCOPE_FIX =
  'Grant the role at the resource (or resource group) that needs it; for a real need, give the grant a justification, ' +
  'add the scope to AccessGuard({ allowedWideScopes }), or suppress AZA001 with a reason.';

/** Whether a grant at this scope needs a written reason under these settings. */
export function needsWideScopeReason(level: ScopeLevel, scopeValue: string, settings: WideScopeSettings): boolean {
  if (!isWideScope(level)) return false;
  const scope = scopeValue.toLowerCase();
  return !settings.allowedWideScopes.some((allowed) => allowed.toLowerCase() === scope);
}

/** Whether the recorded suppressions accept a wide grant on `today` (an expired one does not). */
export function acceptsWideScope(suppressions: readonly SuppressionRecord[], today: string): boolean {
  return suppressions.some((s) => s.ruleId === RuleId.WIDE_SCOPE && (s.until === undefined || s.until >= today));
}

/** The finding's message: who holds which role at which wide scope. */
export function wideScopeMessage(holder: string, roleName: string, level: ScopeLevel, scopeValue: string): string {
  const where = level === ScopeLevel.UNKNOWN
    ? `a scope that cannot be read (${scopeValue}; unknown counts as the widest)`
    : `${level} scope ${scopeValue}`;
  return `${holder} holds "${roleName}" at ${where}.`;
}
