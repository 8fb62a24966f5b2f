/**
 * A parser for the subset of mermaid's flowchart syntax `azure-access diff` writes, used because
 * neither the mermaid package nor a browser to render it is available to the tests: a header
 * `flowchart LR`, then node declarations `  id["label"]` and edges `  a -->|"label"| b["label"]`.
 * It rejects what mermaid rejects within that subset: a raw `"` inside a label, an unknown line,
 * an edge from a node not yet declared, an empty label; labels are decoded (`#quot;`, `#35;`).
 */
export interface ParsedFlowchart {
  readonly nodes: Map<string, string>;
  readonly edges: { from: string; to: string; label: string }[];
}

const ID = '[A-Za-z][A-Za-z0-9_]*';
const LABEL = '"([^"]+)"';
const NODE = new RegExp(`^ {2}(${ID})\\[${LABEL}\\]$`);
const EDGE = new RegExp(`^ {2}(${ID}) -->\\|${LABEL}\\| (${ID})(?:\\[${LABEL}\\])?$`);

function decode(label: string): string {
  if (/#(?!quot;|35;)/.test(label)) throw new Error(`"${label}": # starts an entity in mermaid; only #quot; and #35; are written`);
  return label.replace(/#quot;/g, '"').replace(/#35;/g, '#');
}

export function parseFlowchart(source: string): ParsedFlowchart {
  const [header, ...lines] = source.split('\n');
  if (header !== 'flowchart LR') throw new Error(`expected "flowchart LR", got "${header}"`);
  const nodes = new Map<string, string>();
  const edges: ParsedFlowchart['edges'] = [];
  lines.forEach((line, i) => {
    const node = NODE.exec(line);
    const edge = EDGE.exec(line);
    if (node) {
      nodes.set(node[1], decode(node[2]));
    } else if (edge) {
      if (!nodes.has(edge[1])) throw new Error(`line ${i + 2}: edge from ${edge[1]}, which is not declared`);
      if (edge[4] === undefined && !nodes.has(edge[3])) throw new Error(`line ${i + 2}: edge to ${edge[3]}, which has no label`);
      if (edge[4] !== undefined) nodes.set(edge[3], decode(edge[4]));
      edges.push({ from: edge[1], to: edge[3], label: decode(edge[2]) });
    } else {
      throw new Error(`line ${i + 2} is not a node or an edge: ${line}`);
    }
  });
  return { nodes, edges };
}
