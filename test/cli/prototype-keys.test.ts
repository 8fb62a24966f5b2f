import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli } from './run-cli';
import { LIVE_EXPORT_OPTIONS } from '../../src/cli/live-exports';

/**
 * Resource types, names, attributes, principal types and roles are input: named after
 * Object.prototype's members, they must read as any other unknown name, never as the prototype's
 * functions (an "internal error", phantom credentials) and never write to Object.prototype.
 */
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString'] as const;
const GUID = '11111111-2222-3333-4444-555555555555';
const SUBSCRIPTION = '/subscriptions/8f6b6f8e-3c1a-4d5e-9f0a-1b2c3d4e5f60';

/** Object.prototype as it is now: what a run must leave as it found it. */
function prototypeState(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}

function tempFile(name: string, value: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'azure-access-proto-')), name);
  // JSON text, not an object literal: `__proto__` must be an own key, as JSON.parse makes it.
  writeFileSync(file, JSON.stringify(value).replace(/PROTO_KEY/g, '__proto__'));
  return file;
}

/** A configuration whose types, names, attributes and values are Object.prototype's names. */
function configuration() {
  const byName = (body: (name: string) => unknown) => Object.fromEntries(PROTOTYPE_NAMES.map((n) => [n === '__proto__' ? 'PROTO_KEY' : n, body(n)]));
  return {
    variable: { constructor: { default: 'rg-x' } },
    resource: {
      ...Object.fromEntries(PROTOTYPE_NAMES.map((type) => [type === '__proto__' ? 'PROTO_KEY' : type, byName((n) => ({ name: `${type}-${n}` }))])),
      azurerm_user_assigned_identity: byName((n) => ({ name: `uai-${n}`, tags: { owner: 'team' } })),
      azurerm_role_assignment: byName((n) => ({
        scope: `${SUBSCRIPTION}/resourceGroups/\${var.${n}}`,
        role_definition_name: n,
        principal_id: GUID,
        principal_type: n,
      })),
      azurerm_pim_eligible_role_assignment: byName((n) => ({
        scope: `\${azurerm_user_assigned_identity.${n}.${n}}`,
        role_definition_id: `\${${n}.${n}.id}`,
        principal_id: `\${azurerm_user_assigned_identity.${n}.${n}}`,
        schedule: { expiration: { duration_days: `\${var.${n}}` } },
      })),
    },
  };
}

function planWithPrototypeTypes() {
  const resource = (type: string, name: string, values: unknown) => ({ address: `${type}.${name}`, mode: 'managed', type, name, values });
  const grant = { scope: SUBSCRIPTION, role_definition_name: 'Reader', principal_id: GUID, principal_type: 'constructor' };
  return {
    format_version: '1.2',
    planned_values: { root_module: { resources: [resource('azurerm_role_assignment', 'toString', { ...grant, role_definition_name: 'Owner' })] } },
    resource_changes: [
      { address: 'PROTO_KEY.polluted', mode: 'managed', type: 'PROTO_KEY', name: 'polluted', change: { actions: ['delete'], before: { name: 'x' }, after: null } },
      { address: 'constructor.x', mode: 'managed', type: 'constructor', name: 'x', change: { actions: ['delete'], before: { name: 'y' }, after: null } },
      {
        address: 'azurerm_role_assignment.toString',
        mode: 'managed',
        type: 'azurerm_role_assignment',
        name: 'toString',
        change: { actions: ['update'], before: grant, after: { ...grant, role_definition_name: 'Owner' } },
      },
    ],
  };
}

describe('names of Object.prototype members in the input', () => {
  const before = prototypeState();
  afterEach(() => expect(prototypeState()).toEqual(before));

  test('report reads them as plain names: markdown and json, no phantom credentials', async () => {
    const file = tempFile('proto.tf.json', configuration());
    const markdown = await cli(['report', file]);
    expect([markdown.code, markdown.stderr]).toEqual([0, '']);
    expect(markdown.stdout).toContain('No credentials.');
    const json = await cli(['report', '--format', 'json', file]);
    expect([json.code, json.stderr]).toEqual([0, '']);
    const report = JSON.parse(json.stdout);
    expect(report.credentials).toEqual([]);
    expect(report.rows.map((r: { address: string; principalKind: string; role: string }) => [r.address, r.principalKind, r.role])).toEqual([
      ['azurerm_role_assignment.constructor', 'unknown', 'unknown role (constructor)'],
      ['azurerm_role_assignment.__proto__', 'unknown', 'unknown role (__proto__)'],
      ['azurerm_role_assignment.toString', 'unknown', 'unknown role (toString)'],
      ['azurerm_pim_eligible_role_assignment.constructor', 'unknown', expect.any(String)],
      ['azurerm_pim_eligible_role_assignment.__proto__', 'unknown', expect.any(String)],
      ['azurerm_pim_eligible_role_assignment.toString', 'unknown', expect.any(String)],
    ]);
    expect(report.totals.byPrincipalKind).toEqual({ unknown: 6 });
  });

  test('check and audit judge them like any other grant', async () => {
    const file = tempFile('proto.tf.json', configuration());
    const check = await cli(['check', '--format', 'json', '--today', '2026-11-27', file]);
    expect([check.code, check.stderr]).toEqual([1, '']);
    expect(JSON.parse(check.stdout).findings.length).toBeGreaterThan(0);
    const audit = await cli(['audit', '--format', 'json', '--today', '2026-11-27', '--live-assignments', 'test/fixtures/audit/az-role-assignment-list.json', file]);
    expect(audit.stderr).toBe('');
    expect([0, 1]).toContain(audit.code);
    expect(JSON.parse(audit.stdout).findings.length).toBeGreaterThan(0);
  });

  test('diff of a plan whose resource types are __proto__ and constructor', async () => {
    const plan = tempFile('plan.json', planWithPrototypeTypes());
    const { code, stdout, stderr } = await cli(['diff', '--format', 'json', plan]);
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout).changes.map((c: { address: string; kind: string }) => [c.address, c.kind])).toEqual([
      ['azurerm_role_assignment.toString', expect.stringMatching(/role/)],
    ]);
  });

  test('diff of two syntheses that hold them', async () => {
    const base = tempFile('base.tf.json', configuration());
    const head = tempFile('head.tf.json', { resource: { ...configuration().resource, azurerm_role_assignment: {} } });
    const { code, stdout, stderr } = await cli(['diff', '--format', 'json', base, head]);
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout).changes.map((c: { kind: string }) => c.kind)).toEqual(['removed', 'removed', 'removed']);
  });

  test.each(PROTOTYPE_NAMES)('the command and option named %s are unknown, exit 2', async (name) => {
    const command = await cli([name]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(new RegExp(`^azure-access: unknown command "${name}"; use one of report, check, diff, audit\\.`));
    const option = await cli(['report', `--${name}`, 'x', 'test/fixtures/cli/clean']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(new RegExp(`^azure-access report: unknown option --${name}; report accepts --format, --today, --var, --var-file, ${LIVE_EXPORT_OPTIONS.map((o) => `--${o}`).join(', ')}\\n`));
  });
});
