import { OpenGraphDocument } from './opengraph';

/**
 * The OpenGraph file in parts, one node or edge a line, whose concatenation is the whole file:
 * written one part after another, a tenant's graph is never one string. Each line is the node's
 * or edge's compact JSON, so the file diffs one line per change.
 */
export function renderOpenGraphParts(document: OpenGraphDocument): string[] {
  const parts = [`{\n  "metadata": ${JSON.stringify(document.metadata)},\n  "graph": {\n    "nodes": [`];
  const list = (items: readonly unknown[]) => items.forEach((item, i) => parts.push(`${i === 0 ? '' : ','}\n      ${JSON.stringify(item)}`));
  list(document.graph.nodes);
  parts.push(`${document.graph.nodes.length === 0 ? '' : '\n    '}],\n    "edges": [`);
  list(document.graph.edges);
  parts.push(`${document.graph.edges.length === 0 ? '' : '\n    '}]\n  }\n}\n`);
  return parts;
}
