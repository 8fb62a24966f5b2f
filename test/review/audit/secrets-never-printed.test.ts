import { emptyGraph, fixtureText, sampleExports, TODAY } from './audit-fixtures';
import { audit } from '../../../src/review/audit/audit';
import { importBlocks } from '../../../src/review/audit/import-blocks';
import { parseApplications } from '../../../src/review/audit/parse-applications';
import { renderAuditJson, renderAuditMarkdown } from '../../../src/review/audit/render-audit';

// Values shaped like what Graph returns once, from addPassword, and for a single application's key.
const SECRET_TEXT = 'Xy7Q~fake.secret.value-0123456789abcdefGHIJ';
const KEY = 'MIIDfakeCertificateBase64Value0123456789ABCDEFGHIJ==';

test('a secretText or key in the export appears in no output of the audit', () => {
  const json = JSON.parse(fixtureText('graph-applications-credentials.json'));
  json.value[0].passwordCredentials[0].secretText = SECRET_TEXT;
  json.value[0].keyCredentials[0].key = KEY;
  const applications = parseApplications('graph-applications-credentials.json', JSON.stringify(json));
  const result = audit(emptyGraph(), { ...sampleExports(), applications }, { today: TODAY });

  const outputs = [
    JSON.stringify(applications),
    JSON.stringify(result),
    renderAuditJson(result),
    renderAuditMarkdown(result),
    JSON.stringify(importBlocks(result.unmanaged)),
  ];
  for (const output of outputs) {
    expect(output).not.toContain(SECRET_TEXT);
    expect(output).not.toContain(KEY);
  }
  // The secret is still reported, by its key ID.
  expect(renderAuditMarkdown(result)).toContain('key ID 66667777-aaaa-8888-bbbb-9999cccc0000');
});
