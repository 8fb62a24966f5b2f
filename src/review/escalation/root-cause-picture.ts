import { scopeName } from './chain-steps';
import { STEPS_SHOWN } from './describe-root-cause';
import { EscalationChain, EscalationStep } from './escalation-chain';
import { RootCause } from './root-causes';
import { describePrincipal } from '../graph/describe-principal';

/** One node of a root cause's tree: what is reached, how from its parent, and where it goes on. */
interface TreeNode {
  readonly label: string;
  /** How the parent gets here: `holds`, or the operation that opens the step. */
  readonly edge: string;
  readonly children: Map<string, TreeNode>;
}

/** A chain as hops a picture can draw: role at scope → identity (on its resource) → … → what it reaches. */
function hopsOf(chain: EscalationChain): { edge: string; node: string }[] {
  const roleAt = (step: EscalationStep) => `${step.grant.role.name} at ${scopeName(step.grant)}`;
  return chain.steps.map((step) => {
    if (step.kind === 'holds') return { edge: step.eligible ? 'eligible for' : 'holds', node: roleAt(step) };
    if (step.kind === 'acts-as') {
      // The description names the identity and its resource as a reviewer knows them; the action is the edge.
      const cut = step.action === undefined ? -1 : step.description.lastIndexOf(` (${step.action}`);
      return { edge: step.action ?? 'acts as', node: cut > 0 ? step.description.slice(0, cut) : step.description };
    }
    return { edge: step.action ?? 'opens', node: `${chain.reaches.role} at ${chain.reaches.scope}` };
  });
}

/** How many paths a picture draws, worst end first; the caption counts the rest. */
export const PATHS_DRAWN = 12;

/** A long path keeps its first and last hops; the ones between are one hop that counts them. */
function bounded(hops: { edge: string; node: string }[]): { edge: string; node: string }[] {
  if (hops.length <= STEPS_SHOWN) return hops;
  const half = STEPS_SHOWN / 2;
  return [...hops.slice(0, half), { edge: '…', node: `${hops.length - STEPS_SHOWN} more steps` }, ...hops.slice(-half)];
}

/** The paths of a root cause as one tree per start: shared beginnings drawn once, each end a leaf. */
function treesOf(cause: RootCause): TreeNode[] {
  const roots = new Map<string, TreeNode>();
  for (const chain of cause.chains.slice(0, PATHS_DRAWN)) {
    const start = describePrincipal(chain.principal);
    let node: TreeNode | undefined = roots.get(start);
    if (node === undefined) roots.set(start, (node = { label: start, edge: '', children: new Map() }));
    for (const hop of bounded(hopsOf(chain))) {
      const key = `${hop.edge}\u0000${hop.node}`;
      let next: TreeNode | undefined = node.children.get(key);
      if (next === undefined) node.children.set(key, (next = { label: hop.node, edge: hop.edge, children: new Map() }));
      node = next;
    }
  }
  return [...roots.values()];
}

// Mermaid reads `"` as the end of a label and `#...;` as an entity: write both as entities.
function label(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/[\r\n]+/g, ' ');
}

/**
 * A root cause's paths as one mermaid flowchart (GitHub renders it in comments): one tree, each
 * hop a node, shared beginnings drawn once, every edge labelled with what leads there. Every
 * label is quoted, so names and operations are text.
 */
export function rootCauseMermaid(cause: RootCause): string {
  const lines = ['flowchart LR'];
  let next = 0;
  const draw = (node: TreeNode, id: string) => {
    for (const child of node.children.values()) {
      const childId = `n${next++}`;
      lines.push(`  ${id} -->|"${label(child.edge)}"| ${childId}["${label(child.label)}"]`);
      draw(child, childId);
    }
  };
  for (const root of treesOf(cause)) {
    const id = `n${next++}`;
    lines.push(`  ${id}["${label(root.label)}"]`);
    draw(root, id);
  }
  return lines.join('\n');
}

/** The same tree as indented text, for platforms that draw no mermaid (Azure DevOps comments) and the terminal. */
export function rootCauseText(cause: RootCause): string {
  const lines: string[] = [];
  const draw = (node: TreeNode, depth: number) => {
    for (const child of node.children.values()) {
      lines.push(`${'  '.repeat(depth)}└─ ${child.edge} → ${child.label}`);
      draw(child, depth + 1);
    }
  };
  for (const root of treesOf(cause)) {
    lines.push(root.label);
    draw(root, 1);
  }
  return lines.join('\n');
}
