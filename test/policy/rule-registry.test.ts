import { readFileSync } from 'fs';
import * as path from 'path';
import { RuleId, ruleIdRange } from '../../src/model/rule-id';
import { Severity } from '../../src/model/severity';
import { isGraphRule, RULE_REGISTRY, RULES } from '../../src/policy/rule-pack';
import { renderRuleTable } from '../../src/policy/rule-table';

const README = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
const ALL_IDS = Object.values(RuleId);

describe('the rule registry', () => {
  test('registers every RuleId once, in ID order', () => {
    const ids = RULE_REGISTRY.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...ALL_IDS].sort());
    expect(ids).toEqual([...ids].sort());
  });

  test('gives every rule a title, a description, a fix and a default severity', () => {
    for (const rule of RULE_REGISTRY) {
      expect({ id: rule.id, title: rule.title.trim().length > 0 }).toEqual({ id: rule.id, title: true });
      expect({ id: rule.id, description: rule.description.trim().length > 0 }).toEqual({ id: rule.id, description: true });
      expect({ id: rule.id, fix: rule.fix.trim().length > 0 }).toEqual({ id: rule.id, fix: true });
      expect(Object.values(Severity)).toContain(rule.defaultSeverity);
    }
  });

  test('runs every rule over the graph but the expired-suppression rule, whose findings come from suppressions', () => {
    expect(RULE_REGISTRY.filter((r) => !isGraphRule(r)).map((r) => r.id)).toEqual([RuleId.EXPIRED_SUPPRESSION]);
    expect(RULES.map((r) => r.id)).toEqual(RULE_REGISTRY.map((r) => r.id).filter((id) => id !== RuleId.EXPIRED_SUPPRESSION));
  });

  test('names the registered IDs as a range, with the numbers it skips', () => {
    expect(ruleIdRange()).toBe(`${RuleId.WIDE_SCOPE} to ${RuleId.PRIVILEGED_TRUST_WITHOUT_ENVIRONMENT}`);
  });
});

describe('the README rule table', () => {
  test('is exactly what the registry renders (npm run docs:rules writes it)', () => {
    const table = renderRuleTable();
    const start = README.indexOf('| rule | severity | catches | fix | suppress |');
    expect(start).toBeGreaterThan(0);
    const end = README.indexOf('\n\n', start);
    expect(README.slice(start, end + 1)).toBe(table);
  });

  test('has a row per registered rule, with its severity', () => {
    const rows = renderRuleTable().trim().split('\n').slice(2);
    expect(rows.map((r) => r.split(' | ').slice(0, 2).join(' | '))).toEqual(RULE_REGISTRY.map((r) => `| ${r.id} | ${r.defaultSeverity}`));
  });

  test('keeps a pipe or a line break in a rule\'s words inside its cell', () => {
    const table = renderRuleTable([{
      id: RuleId.WIDE_SCOPE, title: 't', defaultSeverity: Severity.INFO, description: 'a | b\nc', fix: 'f', suppressionNeedsExpiry: true,
    }]);
    expect(table.split('\n')[2]).toBe('| AZA001 | info | a \\| b c | f | only a suppression with a future `until` (a migration window) |');
  });
});
