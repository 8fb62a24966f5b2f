import { parse } from '@cdktf/hcl2json';
import { Finding } from '../../src/model/finding';
import { evaluate } from '../../src/policy/evaluate';
import { AccessGraph } from '../../src/review/graph/access-graph';

export const TODAY = '2026-11-27';
export const SUB = '11111111-2222-3333-4444-555555555555';
export const USER = 'eeeeeeee-1111-2222-3333-ffffffffffff';
export const GROUP = 'cccccccc-1111-2222-3333-dddddddddddd';

/** HCL as a Terraform shop writes it, converted the way the command line converts it. */
export async function hclJson(hcl: string): Promise<Record<string, unknown>> {
  return parse('main.tf', hcl);
}

/**
 * The same document in cdktf's shape: blocks are objects, not one-element arrays. hcl2json wraps
 * every block in an array; cdktf writes the object itself.
 */
export function cdktfShape(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) {
    // Arrays of blocks with one element become the element; lists of values stay lists.
    if (value.length === 1 && typeof value[0] === 'object' && value[0] !== null && depth > 0) return cdktfShape(value[0], depth + 1);
    return value.map((v) => cdktfShape(v, depth + 1));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cdktfShape(v, depth + 1)]));
  }
  return value;
}

export function findingsOf(document: Record<string, unknown>, options: { today?: string } = {}): Finding[] {
  const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document }]);
  return evaluate(graph, { today: options.today ?? TODAY }).findings;
}

/** Findings of one rule over both shapes; fails if the shapes disagree. */
export async function ruleFindings(hcl: string, ruleId: string, options: { today?: string } = {}): Promise<Finding[]> {
  const fromHcl = await hclJson(hcl);
  const a = findingsOf(fromHcl, options).filter((f) => f.ruleId === ruleId);
  const b = findingsOf(cdktfShape(fromHcl) as Record<string, unknown>, options).filter((f) => f.ruleId === ruleId);
  expect(b).toEqual(a);
  return a;
}

/** An approver of an activation, as an HCL `primary_approver` names it: an object ID (quoted, or a reference) and its type. */
export interface Approver {
  readonly objectId: string;
  readonly type: 'User' | 'Group';
}

/**
 * An `activation_rules` block that meets every activation rule: at most `maximum`, approval by
 * these approvers, MFA and justification. Azure activation policies and PIM for Groups policies
 * write it the same way.
 */
export function strongActivationRules(maximum: string, approvers: readonly Approver[]): string {
  const named = approvers.map((a) => `      primary_approver {\n        object_id = ${a.objectId}\n        type      = "${a.type}"\n      }\n`).join('');
  return `  activation_rules {
    maximum_duration                   = "${maximum}"
    require_approval                   = true
    require_multifactor_authentication = true
    require_justification              = true
    approval_stage {
${named}    }
  }
`;
}
