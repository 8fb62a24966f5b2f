import { cli } from './run-cli';

const VALUES = 'test/fixtures/reader/values';
const READER = 'azurerm_role_assignment.this["reader"]';

interface Row { address: string; role: string; scope: string }

async function readerRole(args: string[], env: Record<string, string> = {}): Promise<Row | undefined> {
  const { code, stdout, stderr } = await cli(['report', '--format', 'json', ...args, VALUES], { env });
  expect([code, stderr]).toEqual([0, '']);
  return (JSON.parse(stdout).rows as Row[]).find((r) => r.address === READER);
}

describe('--var and --var-file set the root configuration\'s variables, after tfvars', () => {
  test('tfvars and auto.tfvars alone', async () => {
    const row = await readerRole([]);
    expect([row?.role, row?.scope]).toEqual(['Website Contributor', '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-app']);
  });

  test('--var wins over the files; repeated options apply in the order given', async () => {
    expect((await readerRole(['--var', 'role_name=Owner']))?.role).toBe('Owner');
    expect((await readerRole(['--var=role_name=Owner', '--var-file', `${VALUES}/a.auto.tfvars`]))?.role).toBe('Website Contributor');
  });

  test('check counts instances: count = 2 of one assignment is AZA009', async () => {
    const { stdout } = await cli(['check', '--format', 'json', '--today', '2026-11-27', '--var', 'unknown_map={}', VALUES]);
    const out = JSON.parse(stdout);
    expect(out.findings.filter((f: { ruleId: string }) => f.ruleId === 'AZA009').map((f: { address: string }) => f.address))
      .toEqual(['azurerm_role_assignment.twice[1]']);
    expect(out.summary.accessResources).toEqual({ reviewed: 6, notReviewed: 0 });
  });

  test('a --var without = is refused, naming it', async () => {
    const { code, stderr } = await cli(['report', '--var', 'role_name', VALUES]);
    expect(code).toBe(2);
    expect(stderr).toBe('azure-access report: --var: expected name=value, and there is no "=" after "role_name"\n');
  });
});
