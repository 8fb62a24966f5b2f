import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { EscalationChain } from '../../review/escalation/escalation-chain';
import { reachOfGraph } from '../../review/escalation/reach';
import { isReportedChain } from '../../review/escalation/reported-chain';
import { describePrincipal } from '../../review/graph/describe-principal';
import { Origin } from '../../review/graph/graph-types';
import { APPLICATION_DEFINED, PermissionTier, tierName, widestPermissionTier } from '../../roles/permission-tier';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { Rule, RuleHit } from '../rule';

/** The message: who, what it reaches and why that is more than it holds, and every step on the way. */
function chainMessage(chain: EscalationChain): string {
  const who = describePrincipal(chain.principal);
  const steps = chain.steps.map((s) => s.description).join(' → ');
  const what = `"${chain.reaches.role}" at ${chain.reaches.scope}`;
  // From or to the Entra half, "holds no role that can grant access" would speak of Azure roles only.
  if (chain.endsIn === 'entra' || chain.steps[0].entra) {
    return `${who} does not hold ${what} (${tierName(chain.reaches.tier)}), yet reaches it. Chain: ${steps}.`;
  }
  const why = chain.reaches.canGrantAccess ? 'a role that can grant access'
    : chain.widens ? 'a scope outside every scope it holds' : `access it does not hold itself (${tierName(chain.reaches.tier)})`;
  return `${who} holds no role that can grant access, yet reaches ${why}: ${what}. Chain: ${steps}.`;
}

/**
 * The tier of what a chain reaches decides how bad it is: tier 0 is an error, tier 1 a warning,
 * tier 2 a note, and so is an application's own app role (no directory privilege by itself).
 */
const SEVERITY_OF_TIER: Record<PermissionTier, Severity> = {
  [PrivilegeTier.CONTROL_PLANE]: Severity.ERROR,
  [PrivilegeTier.MANAGEMENT_PLANE]: Severity.WARNING,
  [PrivilegeTier.USER_ACCESS]: Severity.INFO,
  [APPLICATION_DEFINED]: Severity.INFO,
};

/** What to narrow: the operation of the first step that leaves the principal's own grant, or what the chain ends in. */
export function chainFix(chain: EscalationChain): string {
  const first = chain.steps.find((s) => s.kind !== 'holds');
  const start = chain.steps[0].grant;
  const takeAway = first?.action
    ? `Take ${first.action} away from ${chain.principal.name}'s "${start.role.name}" at ${start.scope.name ?? start.scope.value} `
      + '(a role without it, a narrower scope, or a custom role with it in notActions)'
    : `Narrow ${chain.principal.name}'s "${start.role.name}" at ${start.scope.name ?? start.scope.value}`;
  const last = chain.steps[chain.steps.length - 1];
  const identity = [...chain.steps].reverse().find((s) => s.kind === 'acts-as')?.identity;
  const narrowEnd = identity ? `, or narrow what ${identity.name} holds ("${last.grant.role.name}" at ${last.grant.scope.name ?? last.grant.scope.value})` : '';
  return `${takeAway}${narrowEnd}. If the chain is intended, suppress ${RuleId.ESCALATION_CHAIN} on ${chain.origin.address} with a reason.`;
}

/**
 * AZA013: escalation chains, over the graph's reach (which resources lie within a scope and
 * which identities run on them are placed in the graph). Hits point at the first grant of each
 * chain, so a suppression there silences the chain.
 */
export const escalationChain: Rule = {
  id: RuleId.ESCALATION_CHAIN,
  title: 'Escalation chain',
  defaultSeverity: Severity.ERROR,
  description:
    'A principal reaches, through a chain, a role that can grant access, a scope outside the scopes it holds, or access it does not '
    + 'hold itself: a path its role opens (Run Command, extensions, code deployment, assigning an identity, rewriting a role, '
    + 'a control-plane operation that opens data), the identities it can act as (managed identities it runs code as, service '
    + 'principals it adds a secret to or owns, groups it joins, users whose password it resets, Entra roles and Graph permissions '
    + 'it can give itself), with every Azure and Entra role they hold. Graded by the tier of what it reaches when that lies '
    + 'within the scopes the principal holds; an error otherwise.',
  fix: 'Take the operation that opens the first step away from the principal (a narrower role or scope, or notActions), '
    + 'or narrow the roles of the identity it can act as; suppress AZA013 on the first grant with a reason when the chain is intended.',
  acceptedBy: 'a suppression with a reason on the chain\'s first grant',
  check: (graph) => {
    const seenAt = new Map<Origin, Set<string>>();
    const hits: RuleHit[] = [];
    // What one grant's own control-plane operations open (access policies, storage keys, cluster
    // credentials) is one finding on that grant, naming each once, not one per operation. By the
    // grant's origin (one per block of each document, so stacks never mix), then what is opened.
    const opened = new Map<Origin, Map<string, EscalationChain>>();
    for (const chain of reachOfGraph(graph).chains.filter(isReportedChain)) {
      if (opensDataItself(chain)) {
        let byOpening = opened.get(chain.origin);
        if (byOpening === undefined) opened.set(chain.origin, (byOpening = new Map()));
        const opening = chain.steps[1].description;
        if (!byOpening.has(opening)) byOpening.set(opening, chain);
        continue;
      }
      // Reaching a role that can grant access, or beyond every scope held, is escalation whatever
      // the tier; access gained within the scopes held is graded by the tier of what it is.
      // The message names the principal and every step: two chains with one message are one finding.
      const message = chainMessage(chain);
      // By origin, then message: a key joining them would copy every long message once more.
      let messages = seenAt.get(chain.origin);
      if (messages === undefined) seenAt.set(chain.origin, (messages = new Set()));
      if (messages.has(message)) continue;
      messages.add(message);
      const severity = chain.reaches.canGrantAccess || chain.widens ? Severity.ERROR : SEVERITY_OF_TIER[chain.reaches.tier];
      hits.push({ origin: chain.origin, message, fix: chainFix(chain), reaches: chain.reaches, severity });
    }
    for (const byOpening of opened.values()) hits.push(openedDataHit([...byOpening.values()]));
    return hits;
  },
};

/** A chain of the grant itself and a control-plane operation of it that opens data: `holds …` → `can reach …`. */
function opensDataItself(chain: EscalationChain): boolean {
  return chain.steps.length === 2 && chain.steps[1].kind === 'opens' && chain.steps[1].edgeKind === undefined && !chain.reaches.canGrantAccess;
}

/** One hit for the data a grant's own operations open, each named with its operation. */
function openedDataHit(chains: EscalationChain[]): RuleHit {
  const [first] = chains;
  const held = first.steps[0];
  const what = chains.map((c) => c.steps[1].description).join('; ');
  const operations = chains.map((c) => c.steps[1].action).filter((a): a is string => a !== undefined);
  const tier = widestPermissionTier(chains.map((c) => c.reaches.tier));
  return {
    origin: first.origin,
    message: `${describePrincipal(first.principal)} ${held.description}, which also opens data no role assignment shows (${tierName(tier)}): ${what}.`,
    fix: `Take ${operations.join(', ')} away from ${first.principal.name}'s "${held.grant.role.name}" at ${held.grant.scope.name ?? held.grant.scope.value} `
      + '(a role without them, a narrower scope, or a custom role with them in notActions). '
      + `If intended, suppress ${RuleId.ESCALATION_CHAIN} on ${first.origin.address} with a reason.`,
    reaches: { role: chains.map((c) => c.reaches.role).join('; '), scope: first.reaches.scope },
    severity: SEVERITY_OF_TIER[tier],
  };
}
