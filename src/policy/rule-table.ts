import { RuleInfo } from './rule';
import { RULE_REGISTRY } from './rule-pack';

// A `|` inside a cell would end it; a line break would end the row.
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function acceptedBy(rule: RuleInfo): string {
  if (rule.acceptedBy !== undefined) return rule.acceptedBy;
  return rule.suppressionNeedsExpiry ? 'only a suppression with a future `until` (a migration window)' : 'a suppression with a reason';
}

/**
 * The README's rule table, made from the registry so the two cannot drift: a test holds the
 * README to exactly this text.
 */
export function renderRuleTable(rules: readonly RuleInfo[] = RULE_REGISTRY): string {
  const rows = rules.map((r) => `| ${[r.id, r.defaultSeverity, r.description, r.fix, acceptedBy(r)].map(cell).join(' | ')} |`);
  return ['| rule | severity | catches | fix | suppress |', '| --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
}
