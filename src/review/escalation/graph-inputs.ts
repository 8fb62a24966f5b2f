import { AccessGraph, GraphInput } from '../graph/access-graph';

const inputsByGraph = new WeakMap<AccessGraph, GraphInput[]>();

/**
 * Records the documents a graph was read from. `evaluate()` hands a rule only the graph, and the
 * graph keeps no documents, yet which resources lie within a scope and which identities run on
 * them is read from the documents; `computeReach` records them too.
 */
export function bindGraphInputs(graph: AccessGraph, inputs: GraphInput[]): void {
  inputsByGraph.set(graph, inputs);
}

/** The documents behind a graph: the graph's own `inputs` when it keeps them, else those bound to it, else none. */
export function graphInputsOf(graph: AccessGraph): GraphInput[] {
  const own = (graph as unknown as { inputs?: unknown }).inputs;
  return Array.isArray(own) ? (own as GraphInput[]) : inputsByGraph.get(graph) ?? [];
}
