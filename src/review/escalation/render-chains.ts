import { EscalationChain, chainKey } from './escalation-chain';
import { ReachResult } from './reach';
import { isReportedChain } from './reported-chain';
import { RuleId } from '../../model/rule-id';
import { describePrincipal } from '../graph/describe-principal';

/** What a change of code does to the chains: those only the head has, and those only the base had. */
export interface ChainDiff {
  readonly opened: EscalationChain[];
  readonly closed: EscalationChain[];
}

export interface ChainListOptions {
  /**
   * List every chain, data a data-plane role reads where it is granted too (Key Vault Secrets
   * User reading secrets is what its name says). A grant held is a row of the report, never a chain.
   * @default false
   */
  readonly includeDirect?: boolean;
  /** List only the chains AZA013 reports. @default false */
  readonly onlyReported?: boolean;
}

// Operation strings carry `*` and `_`; in a list item they would turn into emphasis.
function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/([*_`[\]<>])/g, '\\$1').replace(/\r?\n/g, ' ');
}

/**
 * A chain that says more than the role's name: it passes an identity, or opens a control-plane
 * path. What an eligible role opens by itself is shown beside the eligibility, with its policy.
 */
function beyondTheName(chain: EscalationChain): boolean {
  if (chain.steps.length === 1) return false;
  if (chain.steps[0].eligible && !chain.steps.some((s) => s.kind === 'acts-as')) return false;
  const last = chain.steps[chain.steps.length - 1];
  return chain.steps.length > 2 || last.kind !== 'opens' || last.path?.plane !== 'data';
}

/**
 * The chains a report lists: by default those that say more than a role's name. Every form of
 * the report (markdown, JSON, HTML) and the chain diff list these, so they agree on what a chain is.
 */
export function listedChains(chains: readonly EscalationChain[], options: ChainListOptions = {}): EscalationChain[] {
  return chains.filter((c) => (options.includeDirect || beyondTheName(c)) && (!options.onlyReported || isReportedChain(c)));
}

/** One chain as a markdown list item; a chain AZA013 reports is marked with the rule ID. */
export function chainListItem(chain: EscalationChain): string {
  const mark = isReportedChain(chain) ? ` **${RuleId.ESCALATION_CHAIN}**` : '';
  const reaches = `"${chain.reaches.role}" at ${chain.reaches.scope}`;
  const steps = chain.steps.map((s) => s.description).join(' → ');
  return `-${mark} ${escape(describePrincipal(chain.principal))} reaches ${escape(reaches)}: ${escape(steps)}`;
}

/** The chains of a reach, as a markdown section for the report (empty chains say so). */
export function renderChains(result: ReachResult, options: ChainListOptions = {}): string {
  const chains = listedChains(result.chains, options);
  const reported = chains.filter(isReportedChain).length;
  return [
    '### Escalation chains',
    '',
    chains.length === 0
      ? 'No chains: no role held here opens a path beyond its own grant.'
      : `${chains.length} chain${chains.length === 1 ? '' : 's'}, ${reported} reported by ${RuleId.ESCALATION_CHAIN}.`,
    '',
    ...chains.map(chainListItem),
    '',
  ].join('\n');
}

/**
 * The chains a change opens and closes, matched by `chainKey` (the principal's name and what
 * each step says), so renamed constructs and moved files do not count as changes. Direct grants
 * are the access diff's business; only the chains the report lists by default are compared.
 */
export function diffChains(base: ReachResult, head: ReachResult): ChainDiff {
  const keyed = (result: ReachResult) => new Map(listedChains(result.chains).map((c) => [chainKey(c), c]));
  const before = keyed(base);
  const after = keyed(head);
  return {
    opened: [...after].filter(([key]) => !before.has(key)).map(([, c]) => c),
    closed: [...before].filter(([key]) => !after.has(key)).map(([, c]) => c),
  };
}

/** The chain diff as a markdown section for the pull request. */
export function renderChainDiff(diff: ChainDiff): string {
  if (diff.opened.length === 0 && diff.closed.length === 0) return '### Escalation chains\n\nNo chain opened or closed.\n';
  const section = (title: string, chains: EscalationChain[]) => (chains.length === 0 ? [] : [`#### ${title} (${chains.length})`, '', ...chains.map(chainListItem), '']);
  return ['### Escalation chains', '', ...section('Opened', diff.opened), ...section('Closed', diff.closed)].join('\n');
}
