import { hclJson, TODAY } from './rule-fixtures';
import { evaluate } from '../../src/policy/evaluate';
import { parseReviewConfig } from '../../src/policy/review-config';
import { AccessGraph } from '../../src/review/graph/access-graph';

describe('the review configuration file', () => {
  test('suppresses by Terraform address, with reasons and dates, for HCL repositories', async () => {
    const document = await hclJson(`
resource "azuread_application_password" "legacy" {
  application_id = azuread_application.app.id
}
resource "azuread_service_principal_password" "old" {
  service_principal_id = azuread_service_principal.sp.id
}`);
    const config = parseReviewConfig('access.json', JSON.stringify({
      severity: { AZA011: 'off' },
      suppressions: [
        { address: 'azuread_application_password.legacy', ruleId: 'AZA005', reason: 'migration', until: '2027-01-31' },
        { address: 'azuread_service_principal_password.old', ruleId: 'AZA005', reason: 'migration', until: '2026-10-01' },
      ],
    }));
    const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document }], config.suppressions);
    const result = evaluate(graph, { today: TODAY, ...config.options });
    expect(result.findings.map((f) => [f.ruleId, f.address])).toEqual([
      ['AZA005', 'azuread_service_principal_password.old'],
      ['AZA012', 'azuread_service_principal_password.old'],
    ]);
    expect(result.suppressed.map((s) => [s.finding.address, s.suppression.until])).toEqual([['azuread_application_password.legacy', '2027-01-31']]);
  });

  test.each([
    ['{', /^access\.json: not JSON: /],
    ['[]', 'access.json: /: expected a JSON object'],
    ['{"suppress": []}', 'access.json: /suppress: unknown setting; accepted: maxActivationHours, allowedWideScopes, severity, suppressions'],
    ['{"maxActivationHours": 48}', 'access.json: /maxActivationHours: expected a number of hours from 0.5 to 24, got 48'],
    ['{"severity": {"AZA010": "fatal"}}', 'access.json: /severity/AZA010: expected one of error, warning, info, off, got "fatal"'],
    ['{"severity": {"R1": "error"}}', 'access.json: /severity/R1: not a rule ID (AZA001 to AZA032)'],
    ['{"suppressions": [{"address": "a.b", "ruleId": "AZA001"}]}', 'access.json: /suppressions/0/reason: a suppression needs a reason'],
    ['{"suppressions": [{"address": "a.b", "ruleId": "AZA001", "reason": "r", "until": "soon"}]}', 'access.json: /suppressions/0/until: "soon" is not written YYYY-MM-DD; expected a real day written YYYY-MM-DD'],
    // The guard refuses a day that does not exist; so does the file (one date parser for both).
    ['{"suppressions": [{"address": "a.b", "ruleId": "AZA001", "reason": "r", "until": "2027-02-30"}]}', 'access.json: /suppressions/0/until: "2027-02-30" has day 30, which 2027-02 does not have'],
    ['{"suppressions": [{"address": "a.b", "ruleId": "AZA999", "reason": "r"}]}', 'access.json: /suppressions/0/ruleId: expected a rule ID'],
    ['{"suppressions": [3]}', 'access.json: /suppressions/0: expected an object with address, ruleId, reason and optionally until'],
  ])('refuses %s', (text, message) => {
    expect(() => parseReviewConfig('access.json', text)).toThrow(message);
  });
});
