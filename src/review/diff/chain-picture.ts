import { scopeName } from '../escalation/chain-steps';
import { EscalationChain, EscalationStep } from '../escalation/escalation-chain';
import { describePrincipal } from '../graph/describe-principal';

/** One node of a chain's picture and the edge that leads to it from the node before. */
export interface ChainHop {
  /** How the previous node gets here: `holds`, or the operation that opens the step. */
  readonly edge: string;
  readonly node: string;
}

/**
 * A chain as hops a picture can draw: principal → role at scope → identity (on its resource) →
 * role at scope it holds → … → what the last step reaches.
 */
export function chainHops(chain: EscalationChain): { start: string; hops: ChainHop[] } {
  const hops: ChainHop[] = [];
  const roleAt = (step: EscalationStep) => `${step.grant.role.name} at ${scopeName(step.grant)}`;
  for (const step of chain.steps) {
    if (step.kind === 'holds') {
      hops.push({ edge: 'holds', node: roleAt(step) });
    } else if (step.kind === 'acts-as') {
      // The description names the identity and its resource as a reviewer knows them; the action is the edge.
      const cut = step.action === undefined ? -1 : step.description.lastIndexOf(` (${step.action}`);
      hops.push({ edge: step.action ?? 'acts as', node: cut > 0 ? step.description.slice(0, cut) : step.description });
    } else {
      hops.push({ edge: step.action ?? 'opens', node: `${chain.reaches.role} at ${chain.reaches.scope}` });
    }
  }
  return { start: describePrincipal(chain.principal), hops };
}

// Mermaid reads `"` as the end of a label and `#...;` as an entity: write both as entities.
function label(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/[\r\n]+/g, ' ');
}

/**
 * The chain as a mermaid flowchart (GitHub renders it in comments): one node per hop, each edge
 * labelled with what leads there. Every label is quoted, so names and operations are text.
 */
export function chainMermaid(chain: EscalationChain): string {
  const { start, hops } = chainHops(chain);
  const lines = ['flowchart LR', `  n0["${label(start)}"]`];
  hops.forEach((hop, i) => lines.push(`  n${i} -->|"${label(hop.edge)}"| n${i + 1}["${label(hop.node)}"]`));
  return lines.join('\n');
}

/** The same chain as indented text, for platforms that draw no mermaid (Azure DevOps comments). */
export function chainText(chain: EscalationChain): string {
  const { start, hops } = chainHops(chain);
  return [start, ...hops.map((hop, i) => `${'  '.repeat(i + 1)}└─ ${hop.edge} → ${hop.node}`)].join('\n');
}
