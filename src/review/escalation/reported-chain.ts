import { EscalationChain } from './escalation-chain';

/**
 * Whether a chain is an escalation: one the escalation rule (AZA013) reports, so the report and
 * the diff mark the same chains the rule finds.
 *
 * Not escalations: a chain that only holds (a grant, or a group's grants through membership) is
 * access held; what an eligible role opens by itself is its activation policy's to judge (AZA006
 * to AZA008); and the start's own reach (what its own grant opens in one step, or an end it holds
 * or can give itself in one step) is shown with that grant, which the grant rules judge.
 *
 * An escalation ends in the Entra half at a role or permission its start does not hold, or in
 * the Azure half at a role that can grant access, a scope outside every scope the start holds,
 * or data or control it does not hold. A chain that ends in an Azure path opened by its last
 * grant is one only when that path is what gives the access (a custom role rewritten to Owner, a
 * control-plane operation that opens data); when the last role can grant access by itself, the
 * chain that ends in holding it is the one escalation, not one more per thing that role leads to.
 */
export function isReportedChain(chain: EscalationChain): boolean {
  // Asked of every chain: read from the chain's own fields and its last step, never its whole trail.
  const last = chain.trail.step;
  if (!chain.passesIdentity && last.kind === 'holds') return false;
  if (chain.first.eligible && !chain.passesIdentity) return false;
  if (chain.ownReach) return false;
  if (chain.endsIn === 'entra') return chain.gains;
  // Azure's root reached from an Entra role (Global Administrator's elevation).
  if (last.kind === 'opens' && last.edgeKind !== undefined) return chain.gains;
  if (!chain.reaches.canGrantAccess && !chain.widens && !chain.gains) return false;
  if (last.kind !== 'opens') return true;
  return !last.grant.role.canGrantAccess && (chain.reaches.canGrantAccess || chain.gains);
}
