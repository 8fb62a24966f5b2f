import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { STEPS_SHOWN } from '../../review/escalation/describe-root-cause';
import { EscalationChain, EscalationStep, firstStepOf } from '../../review/escalation/escalation-chain';
import { rootCauseMessage, rootCauseSeverity } from '../../review/escalation/root-cause-verdict';
import { RootCause, rootCausesOfGraph } from '../../review/escalation/root-causes';
import { describePrincipal } from '../../review/graph/describe-principal';
import { shownScope } from '../../review/graph/describe-scope';
import { Origin } from '../../review/graph/graph-types';
import { FindingFlow, Rule, RuleHit } from '../rule';

/** How many paths a finding carries step by step (SARIF code flows), worst first. */
const FLOWS = 3;

/** How many paths, worst first, the fix reads for the operations to name: a root cause of thousands names the same few. */
const PATHS_READ = 50;

/** A path as steps where each is declared: its first and last steps, the ones between counted in one. */
export function flowOf(chain: EscalationChain): FindingFlow<Origin> {
  const who = describePrincipal(chain.principal);
  const steps = chain.steps.map((s, i) => ({ where: s.on?.origin ?? s.store?.origin ?? s.trust?.credential.origin ?? s.grant.origin, message: i === 0 ? `${who} ${s.description}` : s.description }));
  if (steps.length <= STEPS_SHOWN) return { steps };
  const half = STEPS_SHOWN / 2;
  const skipped = steps.length - STEPS_SHOWN;
  return { steps: [...steps.slice(0, half), { where: steps[half].where, message: `… ${skipped} more steps …` }, ...steps.slice(-half)] };
}

/** What to take away: this edge, or what its paths need of it. */
export function rootCauseFix(cause: RootCause): string {
  const { edge } = cause;
  const suppress = `If the paths are intended, suppress ${RuleId.ESCALATION_CHAIN} on ${edge.origin.address} (this root cause) with a reason.`;
  if (edge.kind === 'attachment') {
    return `Stop running ${edge.description.replace(' runs as ', ' as ')} (detach the identity), or narrow what that identity holds. ${suppress}`;
  }
  if (edge.kind === 'stored-credential') {
    return `Stop keeping the secret there (run the workload that reads it as a managed identity, then delete the secret), or narrow who reads it. ${suppress}`;
  }
  if (edge.kind === 'federated-trust') {
    return 'Remove the federated credential, or narrow what its identity holds, or who can run pods in the cluster (local accounts off, '
      + `Kubernetes roles at the namespace). ${suppress}`;
  }
  const opening = operationsOf(cause.chains, edge.principal.key);
  const take = opening.length > 0
    ? `Take ${opening.join(', ')} away from this ${edge.kind === 'eligibility' ? 'eligibility' : 'grant'} (a role without it, a narrower scope, or a custom role with it in notActions)`
    : `Remove or narrow it (a role that holds less, a narrower scope${edge.kind === 'entra' ? ', or no membership or ownership' : ''})`;
  // Where the paths enter before it: the first operation of each start that leads on to this edge,
  // each way in put in words once (the paths of one start mostly enter by the same step).
  // Most root causes have no way in before them: nothing is made for them.
  let found: Set<string> | undefined;
  let worded: Map<EscalationStep, Set<string>> | undefined;
  for (let i = 0; i < cause.chains.length && i < PATHS_READ; i++) {
    const chain = cause.chains[i];
    const first = firstStepOf(chain.trail, entersBy);
    if (first === undefined || first.grant.principal.key === edge.principal.key) continue;
    worded ??= new Map();
    const by = worded.get(first) ?? new Set<string>();
    worded.set(first, by);
    if (by.has(chain.principal.name)) continue;
    by.add(chain.principal.name);
    (found ??= new Set()).add(`${first.action} of ${chain.principal.name}'s "${first.grant.role.name}" at ${shownScope(first.grant.scope)}`);
  }
  const entries = found === undefined ? [] : [...found];
  const wayIn = entries.length === 0 ? '' : `; or close the way in (${entries.slice(0, 3).join('; ')}${entries.length > 3 ? `; and ${entries.length - 3} more` : ''})`;
  return `${take}${wayIn}: every path above closes with it. ${suppress}`;
}

/** A step by which a path enters: acting as another principal, by an operation. */
const entersBy = (s: EscalationStep) => s.kind === 'acts-as' && s.action !== undefined;

/** The operations (and those opening the same step) by which a holder leaves its own grant on these paths. */
function operationsOf(chains: readonly EscalationChain[], holder: string): string[] {
  const found = new Set<string>();
  const leaves = (s: EscalationStep) => s.kind !== 'holds' && s.grant.principal.key === holder && s.action !== undefined;
  for (let i = 0; i < chains.length && i < PATHS_READ; i++) {
    const step = firstStepOf(chains[i].trail, leaves);
    if (step?.action === undefined) continue;
    found.add(step.action);
    for (const alternative of step.alternatives ?? []) found.add(alternative.action);
  }
  return [...found];
}

/**
 * AZA013: escalations, one finding per root cause (the edge whose removal closes its paths; see
 * review/escalation/root-causes.ts), pointing at that edge, so a suppression there accepts it.
 * The paths are the detail: how many, the highest tier, the worst ends by name, the shortest path.
 */
export const escalationChain: Rule = {
  id: RuleId.ESCALATION_CHAIN,
  title: 'Escalation chain',
  defaultSeverity: Severity.ERROR,
  description:
    'A principal reaches, through a chain, a role that can grant access, a scope outside the scopes it holds, or access it does not '
    + 'hold itself and cannot give itself in one step: a path its role opens (Run Command, extensions, code deployment, assigning an '
    + 'identity, a control-plane operation that opens data), the identities it can act as (managed identities it runs code as, service '
    + 'principals it adds a secret to or owns or whose client secret it reads where the configuration keeps it in Azure, groups it joins, users whose password it resets), with every Azure and Entra role they '
    + 'hold. One finding per root cause: the grant, eligibility, Entra holding or identity attachment whose removal closes the most '
    + 'of its paths (a client secret kept in a Key Vault, an app setting, App Configuration or an Automation account is judged with the secret, by AZA005, which names its paths). Graded by the highest tier they reach; an error when one reaches a role that can grant access or a scope outside '
    + 'those the principal holds. What a grant opens in one step itself is that grant\'s own reach, judged with the grant.',
  fix: 'Remove or narrow the root cause (the finding names it and the operation its paths need); suppress AZA013 on the root cause '
    + 'with a reason when its paths are intended.',
  acceptedBy: 'a suppression with a reason on the root cause (a suppression on a path\'s first grant still covers the paths it names)',
  // A kept client secret's paths are said once, on the secret (AZA005): removing the secret closes them.
  check: (graph) => rootCausesOfGraph(graph).filter((cause) => cause.edge.kind !== 'stored-credential').map(rootCauseHit),
};

/**
 * The hit of one root cause. Its paths (for suppressions on first grants) and flows (for SARIF)
 * are made when first read: most reviews read neither, and a large one has thousands of root
 * causes (a class, so that each hit is one object, not one with two getters made for it).
 */
function rootCauseHit(cause: RootCause): RuleHit {
  return new RootCauseHit(cause);
}

class RootCauseHit implements RuleHit {
  public readonly origin: Origin;
  public readonly message: string;
  public readonly fix: string;
  public readonly reaches: readonly { readonly role: string; readonly scope: string }[];
  /** The root cause, not what it reaches: a path added to it keeps its code-scanning alert. */
  public readonly target: string;
  public readonly severity: Severity;
  private madePaths: RuleHit['paths'] = undefined;
  private madeFlows: RuleHit['flows'] = undefined;

  constructor(private readonly cause: RootCause) {
    this.origin = cause.edge.origin;
    this.message = rootCauseMessage(cause);
    this.fix = rootCauseFix(cause);
    this.reaches = cause.ends.map((end) => ({ role: end.role, scope: end.scope }));
    this.target = cause.edge.description;
    this.severity = rootCauseSeverity(cause);
  }

  public get paths(): RuleHit['paths'] {
    this.madePaths ??= this.cause.chains.map(({ origin, reaches }) => ({ origin, reaches: { role: reaches.role, scope: reaches.scope } }));
    return this.madePaths;
  }

  public get flows(): RuleHit['flows'] {
    return (this.madeFlows ??= this.cause.chains.slice(0, FLOWS).map(flowOf));
  }
}
