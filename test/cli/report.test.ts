import { readFileSync } from 'fs';
import { cli, REPO } from './run-cli';

const HCL = 'test/fixtures/cli/hcl-repo';

describe('azure-access report', () => {
  test('markdown: one row per grant, totals, credentials', async () => {
    const { code, stdout } = await cli(['report', HCL]);
    expect(code).toBe(0);
    expect(stdout).toContain('2 standing or active grant(s), 0 eligibilities.');
    expect(stdout).toContain('| principal | kind | role | plane | scope | level | access | expiry | notes | address |');
    // The scope by the name the input gives it, as the chain lines name it.
    expect(stdout).toContain(
      '| id-contoso-app | managed-identity | Key Vault Secrets User | data | `kv-contoso-app` | resource | standing | never |  | `azurerm_role_assignment.app_secrets` |',
    );
    expect(stdout).toContain('By scope level: resource 1, subscription 1.');
    expect(stdout).toContain('| application-password | `contoso-deploy-pipeline` | 2027-03-31T00:00:00Z |');
  });

  test('json: written in parts, the text is JSON.stringify with two-space indentation', async () => {
    // A report with an escalation: the arrows of its paths are the text that is not one byte a character.
    const { code, stdout } = await cli(['report', '--format', 'json', 'test/fixtures/escalation/across-modules/root']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.escalations.flatMap((e: { examples: string[] }) => e.examples).some((path: string) => path.includes('→'))).toBe(true);
    expect(stdout).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  test('json and markdown list the same root causes and what grants open themselves; a data role reading its own data is in neither', async () => {
    const escalating = 'test/fixtures/suppression-accepts/widened';
    const markdown = (await cli(['report', escalating])).stdout;
    const json = JSON.parse((await cli(['report', '--format', 'json', escalating])).stdout);
    expect(json.escalations.map((e: any) => [e.rootCause, e.address, e.paths, e.tier])).toEqual([
      ['human alice holds "Virtual Machine Contributor" at rg-app', 'azurerm_role_assignment.alice_vm', 2, 'tier 1'],
    ]);
    expect(markdown).toContain('- human alice holds "Virtual Machine Contributor" at rg-app (`azurerm_role_assignment.alice_vm`): 2 paths, up to tier 1: ');
    // Virtual Machine Contributor's storage keys: what alice's grant opens itself, in both forms.
    expect(json.opensItself.map((o: any) => [o.address, o.opens])).toEqual([['azurerm_role_assignment.alice_vm', ['"all storage account data (Shared Key)" at rg-app']]]);
    expect(markdown).toContain('| human alice | Virtual Machine Contributor | `rg-app` | "all storage account data (Shared Key)" at rg-app | `azurerm_role_assignment.alice_vm` |');
    // Key Vault Secrets User at kv-contoso-app reads that vault's secrets: its row says so already.
    const plain = JSON.parse((await cli(['report', '--format', 'json', HCL])).stdout);
    expect(plain.rows.map((r: { role: string }) => r.role)).toContain('Key Vault Secrets User');
    expect(plain.opensItself.map((o: any) => o.role)).toEqual(['Contributor']);
  });

  test('json: totals equal the number of grant resources in the input', async () => {
    const { stdout } = await cli(['report', '--format', 'json', HCL]);
    const report = JSON.parse(stdout);
    expect(report.totals.grants).toBe(2);
    expect(report.rows.map((r: { address: string }) => r.address)).toEqual([
      'azurerm_role_assignment.app_contributor',
      'azurerm_role_assignment.app_secrets',
    ]);
    expect(report.rows[0]).toEqual({
      principal: 'id-contoso-app',
      principalKind: 'managed-identity',
      role: 'Contributor',
      plane: 'control',
      scope: '${data.azurerm_subscription.current.id}',
      scopeLevel: 'subscription',
      access: 'standing',
      expiry: 'never',
      address: 'azurerm_role_assignment.app_contributor',
      file: HCL,
      suppressions: [],
    });
    expect(report.rows[1]).toMatchObject({ scope: '${azurerm_key_vault.kv.id}', scopeName: 'kv-contoso-app' });
    expect(report.identitiesWithoutGrant).toEqual([]);
  });

  test('reads standard input', async () => {
    const document = { resource: { azurerm_user_assigned_identity: { idle: { name: 'uai-idle', tags: { owner: 'x' } } } } };
    const { code, stdout } = await cli(['report', '--format', 'json', '-'], { stdin: JSON.stringify(document) });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).identitiesWithoutGrant).toEqual([{ name: 'uai-idle', address: 'azurerm_user_assigned_identity.idle' }]);
  });

  test('--help, --version, and unknown commands', async () => {
    expect((await cli(['report', '--help'])).stdout).toMatch(/^Usage: azure-access report/);
    const version = await cli(['--version']);
    expect([version.code, version.stdout]).toEqual([0, `${JSON.parse(readFileSync(`${REPO}/package.json`, 'utf8')).version}\n`]);
    const unknown = await cli(['repot']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^azure-access: unknown command "repot"; use one of report, check/);
    expect((await cli([])).code).toBe(2);
  });

  test.each([
    [['report', 'missing.tf.json'], /^azure-access report: missing\.tf\.json: no such file or directory\n$/],
    [['report', 'test/fixtures/reader/bad.tf'], /^azure-access report: test\/fixtures\/reader\/bad\.tf: line \d+, column \d+: /],
    [['report', 'test/fixtures/reader/shape-error.tf.json'], /^azure-access report: test\/fixtures\/reader\/shape-error\.tf\.json: \/resource\//],
    [['report', 'test/fixtures/reader/notes.txt'], /^azure-access report: test\/fixtures\/reader\/notes\.txt: /],
  ])('unreadable input exits 2 naming file and place: %j', async (argv, message) => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});

describe('azure-access report --format html', () => {
  test('one self-contained page: the tables and the access drawn, no script, nothing fetched', async () => {
    const { code, stdout } = await cli(['report', '--format', 'html', HCL]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(stdout).not.toMatch(/<script|\bsrc=|\bhref=|@import|url\(/i);
    expect(stdout).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    // Both grants of the identity are drawn, each to its scope, and listed in the table.
    expect(stdout).toContain('>Contributor (standing)</text>');
    expect(stdout).toContain('>Key Vault Secrets User (standing)</text>');
    expect(stdout).toContain('<td>kv-contoso-app</td>');
    expect(stdout).toContain('<td>azurerm_role_assignment.app_secrets</td>');
  });

  test('says what it reviewed, colours each root cause by the tier it reaches, and cuts long names to their box', async () => {
    const { code, stdout } = await cli(['report', '--format', 'html', '--today', '2026-12-07', 'test/fixtures/html/three-mistakes']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/<p class="reviewed">Reviewed test\/fixtures\/html\/three-mistakes with azure-access [^ ]+ on 2026-12-07\.<\/p>/);
    // The VM path reaches Key Vault Secrets Officer: tier 1, amber.
    expect(stdout).toContain('<ol class="escalations"><li class="tier-1"><details>');
    // The subscription, 50 characters shown as "subscription <ID>", is cut to what its 260px box holds.
    const labels = [...stdout.matchAll(/<text x="\d+" y="\d+">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.every((label) => label.length <= 32)).toBe(true);
    expect(labels).toContain('subscription 11111111-2222-3333…');
  });

  test('one line a row, each in its own band, and at most 200 drawn: the table lists every row', async () => {
    const grants = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`g${i}`, {
      scope: `/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-${i}`, role_definition_name: 'Reader', principal_id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    }]));
    const { code, stdout } = await cli(['report', '--format', 'html', '--today', '2026-12-07', '-'], { stdin: JSON.stringify({ resource: { azurerm_role_assignment: grants } }) });
    expect(code).toBe(0);
    const lines = [...stdout.matchAll(/<line class="held" x1="\d+" y1="(\d+)" x2="\d+" y2="(\d+)"\/>/g)];
    expect(lines).toHaveLength(200);
    // Level lines, each a row of its own: no two share a height.
    expect(lines.every((m) => m[1] === m[2])).toBe(true);
    expect(new Set(lines.map((m) => m[1])).size).toBe(200);
    expect(stdout).toContain('<p>The drawing shows the first 200 of 250 lines; the table below lists every row.</p>');
    expect(stdout.match(/<td>Reader<\/td>/g)).toHaveLength(250);
  });

  test('what the input says is text, never markup', async () => {
    const document = {
      resource: {
        azurerm_user_assigned_identity: { evil: { name: '<script>alert(1)</script>', resource_group_name: 'rg', location: 'eastus', tags: { owner: 'x' } } },
        azurerm_role_assignment: {
          grant: { scope: `/subscriptions/${'1'.repeat(8)}-2222-3333-4444-555555555555/resourceGroups/rg`, role_definition_name: 'Reader', principal_id: '${azurerm_user_assigned_identity.evil.principal_id}' },
        },
      },
    };
    const { code, stdout } = await cli(['report', '--format', 'html', '-'], { stdin: JSON.stringify(document) });
    expect(code).toBe(0);
    expect(stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(stdout).not.toContain('<script>');
  });
});

describe('azure-access report: the Entra half beside the Azure one', () => {
  const ENTRA = 'test/fixtures/cli/entra-repo';

  test('a standing directory role and a Graph application permission are rows, with their tier', async () => {
    const { code, stdout } = await cli(['report', ENTRA]);
    expect(code).toBe(0);
    expect(stdout).toContain('0 standing or active grant(s), 0 eligibilities, 1 Entra directory role(s) held standing, 1 application permission(s).');
    expect(stdout).toContain(
      '| Ops Admin | human | Global Administrator (directory role) | unknown | `/ (tenant)` | directory | standing | never | tier 0 (ControlPlane) | `azuread_directory_role_assignment.ops_global` |',
    );
    expect(stdout).toContain(
      '| uai-directory-sync | managed-identity | User.Read.All (application permission) | unknown | `Microsoft Graph` | api | standing | never | tier 2 (UserAccess) | `azuread_app_role_assignment.sync_users` |',
    );
    // The identity holds a permission, so it is not listed as holding nothing.
    expect(stdout).not.toContain('### Identities with no grant');
  });

  test('json: the totals count both halves, and check judges the standing Global Administrator', async () => {
    const report = JSON.parse((await cli(['report', '--format', 'json', ENTRA])).stdout);
    expect(report.totals).toMatchObject({ grants: 0, eligibilities: 0, directoryRoles: 1, appPermissions: 1 });
    expect(report.rows.map((r: { scopeLevel: string; tier: string }) => [r.scopeLevel, r.tier])).toEqual([
      ['directory', 'tier 0 (ControlPlane)'],
      ['api', 'tier 2 (UserAccess)'],
    ]);
    const check = JSON.parse((await cli(['check', '--format', 'json', ENTRA])).stdout);
    expect(check.findings.map((f: { ruleId: string; address: string }) => [f.ruleId, f.address])).toContainEqual(['AZA021', 'azuread_directory_role_assignment.ops_global']);
  });
});
