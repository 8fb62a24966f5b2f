import { EscalationChain } from './escalation-chain';

/**
 * Whether a chain is one the escalation rule (AZA013) reports, so the report and the diff mark
 * the same chains the rule finds: more than a direct grant, held by a principal with no role
 * that can grant access, and ending in one, or in a scope outside every scope the principal
 * holds. A chain that ends in a path opened by its last grant is reported only when that path is
 * what grants access (a custom role rewritten to Owner, elevation to root); when the last role
 * can grant access by itself, the chain that ends in holding it is the one finding, not one more
 * per thing that role leads to.
 */
export function isReportedChain(chain: EscalationChain): boolean {
  if (chain.steps.length < 2 || chain.holderCanGrantAccess) return false;
  if (!chain.reaches.canGrantAccess && !chain.widens) return false;
  const last = chain.steps[chain.steps.length - 1];
  return last.kind !== 'opens' || (chain.reaches.canGrantAccess && !last.grant.role.canGrantAccess);
}
