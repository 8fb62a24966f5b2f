import { ChainReach, EscalationChain, StepTrail } from './escalation-chain';
import { describePrincipal } from '../graph/describe-principal';

/** How many steps a path shows in one line: the first and the last ones, the rest counted. */
export const STEPS_SHOWN = 6;

/** `"Owner" at rg-app`. */
export function describeReach(end: Pick<ChainReach, 'role' | 'scope'>): string {
  // An end that names itself in quotes already (`the Microsoft Graph application permission "…"`) is not quoted again.
  return `${end.role.includes('"') ? end.role : `"${end.role}"`} at ${end.scope}`;
}

/**
 * A path as one line of bounded length: `user alice → holds … → … 12 more steps … → uai-x holds …`.
 * A chain of five hundred identities is a line of a few steps, never the whole walk: output grows
 * with the root causes, not with the length or number of paths.
 */
export function describeChainBounded(chain: EscalationChain): string {
  // Most paths are a few steps: said straight from the trail, with no list of steps made.
  if (chain.trail.length <= STEPS_SHOWN) {
    let text = '';
    for (let at: StepTrail | undefined = chain.trail; at !== undefined; at = at.previous) text = ` → ${at.step.description}${text}`;
    return `${describePrincipal(chain.principal)}${text}`;
  }
  const steps = chain.steps;
  const shown = steps.length <= STEPS_SHOWN ? steps.map((s) => s.description)
    : [...steps.slice(0, STEPS_SHOWN / 2).map((s) => s.description), `… ${steps.length - STEPS_SHOWN} more steps …`,
      ...steps.slice(-STEPS_SHOWN / 2).map((s) => s.description)];
  return [describePrincipal(chain.principal), ...shown].join(' → ');
}
