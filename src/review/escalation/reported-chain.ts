import { EscalationChain } from './escalation-chain';

/**
 * Whether a chain is one the escalation rule (AZA013) reports, so the report and the diff mark
 * the same chains the rule finds. A chain that only holds (a grant, or a group's grants through
 * membership) is access held, not escalation, and so is what an eligible role opens by itself. A chain that ends in the Entra half is reported
 * when it reaches a role or permission its start does not hold itself. An Azure chain is
 * reported when its start holds no Azure role that can grant access, and the chain ends in one,
 * at a scope outside every scope the start holds, or in data or control the start does not hold.
 * A chain that ends in an Azure path opened by its last grant is reported only when that path is
 * what gives the access (a custom role rewritten to Owner, elevation to root, a control-plane
 * operation that opens data); when the last role can grant access by itself, the chain that ends
 * in holding it is the one finding, not one more per thing that role leads to.
 */
export function isReportedChain(chain: EscalationChain): boolean {
  if (!chain.steps.some((s) => s.kind !== 'holds')) return false;
  // What an eligible role opens by itself is the activation policy's to judge (AZA006 to AZA008): JIT by design.
  if (chain.steps[0].eligible && !chain.steps.some((s) => s.kind === 'acts-as')) return false;
  if (chain.endsIn === 'entra') return chain.gains;
  const last = chain.steps[chain.steps.length - 1];
  // Azure's root reached from an Entra role (Global Administrator's elevation).
  if (last.kind === 'opens' && last.edgeKind !== undefined) return chain.gains && !chain.holderCanGrantAccess;
  if (chain.holderCanGrantAccess) return false;
  if (!chain.reaches.canGrantAccess && !chain.widens && !chain.gains) return false;
  if (last.kind !== 'opens') return true;
  return !last.grant.role.canGrantAccess && (chain.reaches.canGrantAccess || chain.gains);
}
