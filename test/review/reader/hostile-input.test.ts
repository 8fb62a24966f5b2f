import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { HclParser, HclParserFault } from '../../../src/review/reader/hcl-parser';
import { checkHclNesting, MAX_HCL_NESTING, MAX_JSON_NESTING, tooDeepJson } from '../../../src/review/reader/nesting-limit';
import { cli } from '../../cli/run-cli';
import { writeHostileCorpus } from '../../support/hostile-corpus';

const ROOT = mkdtempSync(path.join(tmpdir(), 'azure-access-hostile-'));
const CORPUS = writeHostileCorpus(ROOT);

describe('hostile input never passes the gate (issue 26, items 1 to 3)', () => {
  test('the corpus holds the cases of items 1 to 3', () => {
    expect(CORPUS.map((c) => c.name)).toEqual(['deep-3000', 'deep-1000', 'deep-locals', 'module-chain', 'merge-proto', 'merge-proto-tfvars']);
  });

  test.each(CORPUS.map((c) => [c.name, c] as const))('check %s: never exit 0; the file or the Owner grant is named', async (_name, hostile) => {
    const { code, stdout, stderr } = await cli(['check', '--today', '2026-12-01', path.join(ROOT, hostile.input)]);
    expect(code).toBe(hostile.checkExit);
    expect(hostile.checkExit === 2 ? stderr : stdout).toContain(hostile.mustSay);
    // One line for an unreadable input, with the file: never a Go or JavaScript stack trace.
    if (hostile.checkExit === 2) expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(`${path.join(ROOT, hostile.input)}/modules/`)]);
  });

  test.each(CORPUS.map((c) => [c.name, c] as const))('report, diff and audit %s: never a clean answer', async (_name, hostile) => {
    const input = path.join(ROOT, hostile.input);
    const empty = path.join(ROOT, 'empty.tf.json');
    writeFileSync(empty, '{}');
    const live = path.join(ROOT, 'live.json');
    writeFileSync(live, '[]');
    const report = await cli(['report', '--format', 'json', input]);
    const diff = await cli(['diff', '--fail-on-escalation', empty, input]);
    const audit = await cli(['audit', '--today', '2026-12-01', '--live-assignments', live, input]);
    if (hostile.checkExit === 2) {
      expect([report.code, diff.code, audit.code]).toEqual([2, 2, 2]);
      return;
    }
    // Read whole: the report lists the Owner grant, the diff calls it an escalation, and the
    // audit sees it declared (a warning that the tenant lacks it: audit compares, check judges).
    expect(report.code).toBe(0);
    const rows = JSON.parse(report.stdout).rows as { role: string; scope: string }[];
    expect(rows.map((g) => [g.role, g.scope])).toEqual([['Owner', '/subscriptions/00000000-0000-0000-0000-0000000000aa']]);
    expect(diff.code).toBe(1);
    expect(audit.stdout).toContain('declares "Owner" at /subscriptions/00000000-0000-0000-0000-0000000000aa');
  });
});

describe('the nesting limit, checked before any parser sees the text', () => {
  const at = (text: string, check: (file: string, text: string) => void) => {
    try {
      check('main.tf', text);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };

  test('HCL: brackets count to the limit, one more is refused at its line and column', () => {
    const within = `locals {\n  x = ${'['.repeat(MAX_HCL_NESTING - 1)}${']'.repeat(MAX_HCL_NESTING - 1)}\n}\n`;
    expect(at(within, checkHclNesting)).toBeUndefined();
    const over = `locals {\n  x = ${'['.repeat(MAX_HCL_NESTING)}${']'.repeat(MAX_HCL_NESTING)}\n}\n`;
    // `locals {` is the first level, so the last bracket is the one too many; `  x = ` is six columns.
    expect(at(over, checkHclNesting)).toBe(`main.tf: line 2, column ${6 + MAX_HCL_NESTING}: nests more than ${MAX_HCL_NESTING} levels deep; the review reads no deeper, so nothing in this file is reviewed`);
  });

  test('HCL: brackets in strings, heredocs and comments count for nothing; template interpolations do', () => {
    const opened = '['.repeat(MAX_HCL_NESTING + 10);
    expect(at(`locals {\n  x = "${opened}"\n}\n`, checkHclNesting)).toBeUndefined();
    expect(at(`locals {\n  x = <<-EOT\n    ${opened}\n    EOT\n  y = 1\n}\n`, checkHclNesting)).toBeUndefined();
    expect(at(`# ${opened}\n// ${opened}\n/* ${opened} */\nlocals {}\n`, checkHclNesting)).toBeUndefined();
    expect(at(`locals {\n  x = "\\"${opened}"\n}\n`, checkHclNesting)).toBeUndefined();
    // `${` opens a context inside a string, and a string inside it opens another.
    const interpolated = `locals {\n  x = ${'"${'.repeat(MAX_HCL_NESTING)}1${'}"'.repeat(MAX_HCL_NESTING)}\n}\n`;
    expect(at(interpolated, checkHclNesting)).toMatch(/^main\.tf: line 2, column \d+: nests more than 256 levels deep/);
    // `$${` is a literal.
    expect(at(`locals {\n  x = "${'$${'.repeat(MAX_HCL_NESTING + 10)}"\n}\n`, checkHclNesting)).toBeUndefined();
  });

  test('HCL: a heredoc closes at its marker, so brackets after it count again', () => {
    const opened = '['.repeat(MAX_HCL_NESTING + 1);
    expect(at(`locals {\n  x = <<EOT\nno brackets\nEOT\n  y = ${opened}\n}\n`, checkHclNesting)).toMatch(/^main\.tf: line 5, column /);
  });

  test('JSON: the parsed value is searched for the first place past the limit, by JSON pointer, at any depth', () => {
    const nested = (depth: number): unknown => {
      let value: unknown = 'end';
      for (let i = 0; i < depth; i++) value = [value];
      return value;
    };
    // The document itself is the first level: a value MAX_JSON_NESTING levels in is the one too many.
    expect(tooDeepJson('main.tf.json', { a: nested(MAX_JSON_NESTING - 1) })).toBeUndefined();
    const found = tooDeepJson('main.tf.json', { ok: [1, 2], a: { 'x/y': nested(50_000) } });
    // The pointer escapes "/" as JSON pointers do, and is cut at 200 characters.
    expect(found?.message).toMatch(new RegExp(`^main\\.tf\\.json: /a/x~1y(/0){96}/…: nests more than ${MAX_JSON_NESTING} levels deep; the review reads no deeper, so nothing in this file is reviewed$`));
  });
});

describe('JSON nested 10,000 deep in every input (issue 26, item 5): exit 2 with the file and the place, never an internal error', () => {
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-deep-json-'));
  const grant = (scope: string) => `{"resource":{"azurerm_role_assignment":{"a":{"scope":${scope},"role_definition_name":"Owner","principal_id":"p"}}}}`;
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const oneLine = (stderr: string, file: string, pointer: RegExp) => {
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(pointer);
    expect(lines[0]).toContain(`nests more than ${MAX_JSON_NESTING} levels deep`);
    expect(lines[0]).not.toMatch(/internal error|call stack/);
  };

  test('a *.tf.json file, and the same on standard input', async () => {
    const text = grant(deep(10_000));
    const file = write('main.tf.json', text);
    const fromFile = await cli(['check', '--today', '2026-12-01', file]);
    expect(fromFile.code).toBe(2);
    oneLine(fromFile.stderr, file, /\/resource\/azurerm_role_assignment\/a\/scope\/0\/0/);
    const fromStdin = await cli(['check', '--today', '2026-12-01', '-'], { stdin: text });
    expect(fromStdin.code).toBe(2);
    oneLine(fromStdin.stderr, '<stdin>', /\/resource\/azurerm_role_assignment\/a\/scope\/0/);
  });

  test('a cdktf.out directory whose stack nests too deep', async () => {
    const out = path.join(dir, 'cdktf.out');
    const stack = path.join(out, 'stacks', 'app');
    mkdirSync(stack, { recursive: true });
    writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { app: { name: 'app', synthesizedStackPath: 'stacks/app/cdk.tf.json', workingDirectory: 'stacks/app' } } }));
    writeFileSync(path.join(stack, 'cdk.tf.json'), grant(deep(10_000)));
    const { code, stderr } = await cli(['report', out]);
    expect(code).toBe(2);
    oneLine(stderr, 'cdk.tf.json', /\/resource\/azurerm_role_assignment\/a\/scope\/0/);
  });

  test('a --var-file and a live export', async () => {
    const main = write('vars.tf', 'variable "scopes" {}\nresource "azurerm_role_assignment" "a" {\n  scope = var.scopes\n  role_definition_name = "Owner"\n  principal_id = "p"\n}\n');
    const varFile = write('deep.tfvars.json', `{"scopes":${deep(10_000)}}`);
    const withVars = await cli(['check', '--today', '2026-12-01', '--var-file', varFile, main]);
    expect(withVars.code).toBe(2);
    oneLine(withVars.stderr, varFile, /\/scopes\/0\/0/);
    const live = write('live.json', `[{"scope":${deep(10_000)}}]`);
    const audit = await cli(['audit', '--today', '2026-12-01', '--live-assignments', live, write('empty.tf.json', '{}')]);
    expect(audit.code).toBe(2);
    expect(audit.stderr.trim().split('\n')).toHaveLength(1);
    expect(audit.stderr).toContain(live);
    expect(audit.stderr).not.toMatch(/internal error|call stack/);
  });

  test('--config nested deep is refused as a setting of the wrong shape', async () => {
    const config = write('config.json', `{"allowedWideScopes":${deep(10_000)}}`);
    const { code, stderr } = await cli(['check', '--today', '2026-12-01', '--config', config, write('ok.tf.json', '{}')]);
    expect(code).toBe(2);
    expect(stderr).toContain(config);
    expect(stderr).not.toMatch(/internal error|call stack/);
  });
});

describe('the HCL parser in a worker', () => {
  const parser = new HclParser();
  afterAll(() => parser.close());

  test('a text that breaks the parser is a fault, and the next text gets a working parser', async () => {
    // Past the nesting limit on purpose: the parser itself is asked, as if the limit let it through.
    const deep = `locals {\n  x = ${'['.repeat(30_000)}${']'.repeat(30_000)}\n}\n`;
    const fault = await parser.parse('deep.tf', deep).then(() => undefined, (error: unknown) => error);
    expect(fault).toBeInstanceOf(HclParserFault);
    expect((fault as HclParserFault).detail).toMatch(/^it failed: Maximum call stack size exceeded/);
    await expect(parser.parse('next.tf', 'locals {\n  a = 1\n}\n')).resolves.toEqual({ ok: true, value: { locals: [{ a: 1 }] } });
  });

  test('a syntax error is an answer, not a fault', async () => {
    const answer = await parser.parse('bad.tf', 'locals {\n  b =\n');
    expect(answer.ok).toBe(false);
    expect(answer.ok ? '' : answer.message).toContain('bad.tf:2,');
  });

  test('a parser that does not answer in time is a fault', async () => {
    const slow = new HclParser({ timeoutMs: () => 1 });
    try {
      await expect(slow.parse('slow.tf', 'locals {\n  a = 1\n}\n')).rejects.toThrow('it did not answer within 1 ms');
    } finally {
      await slow.close();
    }
  });
});
