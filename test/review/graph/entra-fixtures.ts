import { AccessGraph } from '../../../src/review/graph/access-graph';
import { cdktfShape, hclJson } from '../../policy/rule-fixtures';

/** The graph of some HCL, read as hcl2json writes it and as cdktf writes it: the given parts must agree. */
export async function entraGraphOf(hcl: string, parts: (keyof AccessGraph)[]): Promise<AccessGraph> {
  const document = await hclJson(hcl);
  const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document }]);
  const cdktf = AccessGraph.fromDocuments([{ file: 'main.tf', document: cdktfShape(document) as Record<string, unknown> }]);
  for (const part of parts) expect(cdktf[part]).toEqual(graph[part]);
  return graph;
}
