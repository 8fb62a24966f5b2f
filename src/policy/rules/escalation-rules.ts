import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { chainKey, EscalationChain } from '../../review/escalation/escalation-chain';
import { reachOfGraph } from '../../review/escalation/reach';
import { isReportedChain } from '../../review/escalation/reported-chain';
import { describePrincipal } from '../../review/graph/describe-principal';
import { Rule, RuleHit } from '../rule';

/** The message: who, what it reaches, and every step on the way. */
function chainMessage(chain: EscalationChain): string {
  const why = chain.reaches.canGrantAccess ? 'a role that can grant access' : 'a scope outside every scope it holds';
  const steps = chain.steps.map((s) => s.description).join(' → ');
  return `${describePrincipal(chain.principal)} holds no role that can grant access, yet reaches ${why}: `
    + `"${chain.reaches.role}" at ${chain.reaches.scope}. Chain: ${steps}.`;
}

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
    'A principal that holds no role that can grant access reaches one, or reaches a scope outside the scopes it holds, '
    + 'through a chain: a path its role opens (Run Command, extensions, code deployment, assigning an identity, rewriting a role) '
    + 'and the managed identities it can act as, with every role they hold.',
  fix: 'Take the operation that opens the first step away from the principal (a narrower role or scope, or notActions), '
    + 'or narrow the roles of the identity it can act as; suppress AZA013 on the first grant with a reason when the chain is intended.',
  acceptedBy: 'a suppression with a reason on the chain\'s first grant',
  check: (graph) => {
    const seen = new Set<string>();
    const hits: RuleHit[] = [];
    for (const chain of reachOfGraph(graph).chains.filter(isReportedChain)) {
      const key = `${chain.origin.file}\u0000${chain.origin.address}\u0000${chainKey(chain)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ origin: chain.origin, message: chainMessage(chain), fix: chainFix(chain), reaches: chain.reaches });
    }
    return hits;
  },
};
