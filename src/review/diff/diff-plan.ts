import { AccessDiff } from './access-change';
import { diffEntries } from './diff-entries';
import { entriesOf } from './diff-entry';
import { documentAddressOf } from './plan-address';
import { AccessGraph } from '../graph/access-graph';
import { SourceDocument } from '../reader/source-document';
import { TerraformDocument } from '../terraform-json';

/**
 * The access changes a plan makes: its prior state (each resource change's `before`) against
 * its planned values, so a plan is judged by the same pairing as two syntheses. A resource the
 * plan replaces (`["delete", "create"]` or `["create", "delete"]`) loses its access during apply
 * even when nothing else about it changes, so it is reported as recreated. Addresses are shown
 * as the plan writes them (`module.app.azurerm_role_assignment.reader[0]`).
 */
export function diffPlan(plan: SourceDocument): AccessDiff {
  if (plan.format !== 'plan' || plan.changes === undefined) {
    throw new Error(`${plan.file}: diffPlan needs a plan (terraform show -json <planfile>); this input is ${plan.format}. Use diffGraphs for two syntheses.`);
  }
  // Maps, turned into the document once filled: a plan's resource type `__proto__` or
  // `constructor` is a plain key there, and never reaches (or writes to) Object.prototype.
  const prior = new Map<string, Map<string, Record<string, unknown>>>();
  const planAddress = new Map<string, string>();
  const replaced = new Set<string>();
  for (const change of plan.changes) {
    const address = documentAddressOf(change);
    if (address === undefined) continue;
    planAddress.set(address, change.address);
    if (change.actions.includes('delete') && change.actions.includes('create')) replaced.add(address);
    if (change.before) {
      const byName = prior.get(change.type) ?? new Map<string, Record<string, unknown>>();
      byName.set(address.slice(change.type.length + 1), change.before);
      prior.set(change.type, byName);
    }
  }
  // Data sources are read, not changed: the same before and after, so a grant that names a looked-up principal names it on both sides.
  const document: TerraformDocument = {
    resource: Object.fromEntries([...prior].map(([type, byName]) => [type, Object.fromEntries(byName)])),
    ...(Object.hasOwn(plan.document, 'data') ? { data: plan.document.data } : {}),
  };
  const base = AccessGraph.fromDocuments([{ file: plan.file, document }]);
  const head = AccessGraph.fromDocuments([{ file: plan.file, document: plan.document }]);
  return diffEntries(entriesOf(base), entriesOf(head), { replaced, displayAddress: (address) => planAddress.get(address) ?? address });
}
