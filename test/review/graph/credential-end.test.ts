import { AccessGraph } from '../../../src/review/graph/access-graph';
import { buildReport } from '../../../src/review/report/access-report';
import { renderReportMarkdown } from '../../../src/review/report/render-report';
import { hclJson, ruleFindings } from '../../policy/rule-fixtures';

/**
 * Every secret of Entra ends: a password Graph creates without an end lasts two years
 * (`addPassword`: "the default value is startDateTime + 2 years"), a certificate ends with the
 * certificate, and `end_date_relative` ends it that long after creation. "No end date" was false.
 */
const HCL = `
resource "azuread_application" "app" {
  display_name = "deploy"
}
resource "azuread_application_password" "relative" {
  application_id    = azuread_application.app.id
  end_date_relative = "4320h"
}
resource "azuread_application_password" "dated" {
  application_id = azuread_application.app.id
  end_date       = "2027-06-01T00:00:00Z"
}
resource "azuread_application_password" "unwritten" {
  application_id = azuread_application.app.id
}
resource "azuread_application_certificate" "cert" {
  application_id = azuread_application.app.id
  type           = "AsymmetricX509Cert"
  value          = "MIIC"
}
`;

describe('when a credential ends', () => {
  test('AZA005 says the written end, the relative one, or what Entra does when none is written', async () => {
    const findings = await ruleFindings(HCL, 'AZA005');
    // A certificate is no stored secret: not AZA005's, but its end is said in the report.
    expect(findings.map((f) => [f.address, f.message])).toEqual([
      ['azuread_application_password.dated', 'application password of deploy (ends 2027-06-01T00:00:00Z).'],
      ['azuread_application_password.relative', 'application password of deploy (ends 4320h after creation).'],
      ['azuread_application_password.unwritten', 'application password of deploy (no end date written: Entra ends it two years after creation).'],
    ]);
  });

  test('the report\'s "ends" column and its JSON say the same', async () => {
    const g = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(HCL) }]);
    const report = buildReport(g);
    expect(report.credentials.map((c) => [c.address, c.endDate, c.endDateRelative])).toEqual([
      ['azuread_application_certificate.cert', undefined, undefined],
      ['azuread_application_password.dated', '2027-06-01T00:00:00Z', undefined],
      ['azuread_application_password.relative', undefined, '4320h'],
      ['azuread_application_password.unwritten', undefined, undefined],
    ]);
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain('| application-password | `deploy` | 4320h after creation |');
    expect(markdown).toContain('| application-password | `deploy` | not written (Entra: two years after creation) |');
    expect(markdown).toContain('| certificate | `deploy` | not written (when the certificate ends) |');
  });
});
