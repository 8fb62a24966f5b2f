import { describeChainBounded, describeReach } from './describe-root-cause';
import { RootCause } from './root-causes';
import { Severity } from '../../model/severity';
import { APPLICATION_DEFINED, PermissionTier, tierName } from '../../roles/permission-tier';
import { PrivilegeTier } from '../../roles/privilege-tier';

/**
 * How bad a root cause is and how it is said, the one place for both: AZA013 says the code's
 * root causes with it, `audit` (AUD010) the tenant's.
 */

/**
 * The tier of what a root cause opens decides how bad it is: tier 0 is an error, tier 1 a warning,
 * tier 2 a note, and so is an application's own app role (no directory privilege by itself).
 */
const SEVERITY_OF_TIER: Record<PermissionTier, Severity> = {
  [PrivilegeTier.CONTROL_PLANE]: Severity.ERROR,
  [PrivilegeTier.MANAGEMENT_PLANE]: Severity.WARNING,
  [PrivilegeTier.USER_ACCESS]: Severity.INFO,
  [APPLICATION_DEFINED]: Severity.INFO,
};

/** How many ends a message names before it counts the rest. */
const ENDS_NAMED = 3;

/** Reaching a role that can grant access, or beyond every scope held, is an error whatever the tier. */
export function rootCauseSeverity(cause: RootCause): Severity {
  if (cause.chains.some((c) => c.reaches.canGrantAccess || c.widens)) return Severity.ERROR;
  return SEVERITY_OF_TIER[cause.tier];
}

/**
 * `group platform-admins is eligible for "Contributor" at rg-ordering opens 3 escalation paths,
 * up to tier 0: "Owner" at …, … Shortest: …`: the root cause, what it opens, and one path to read.
 */
export function rootCauseMessage(cause: RootCause): string {
  return `${cause.edge.description} ${opensPathsText(cause)}`;
}

/** `opens 3 escalation paths from 2 principals, up to tier 0: … Shortest: …`: what a root cause opens, after its subject. */
function opensPathsText(cause: RootCause): string {
  const n = cause.chains.length;
  const named = cause.ends.slice(0, ENDS_NAMED).map(describeReach).join(', ');
  const more = cause.ends.length > ENDS_NAMED ? `, and ${cause.ends.length - ENDS_NAMED} more` : '';
  const from = cause.starts.length === 1 ? '' : ` from ${cause.starts.length} principals`;
  const shortest = cause.chains.reduce((a, b) => (b.trail.length < a.trail.length ? b : a));
  return `opens ${n} escalation path${n === 1 ? '' : 's'}${from}, up to ${tierName(cause.tier)}: ${named}${more}. `
    + `Shortest: ${describeChainBounded(shortest)}.`;
}
