/**
 * Renders the mermaid charts of `azure-access diff --format comment` with mermaid itself, in
 * headless Chromium, as GitHub renders them in a pull-request comment, and fails unless every
 * chart becomes an SVG without a parse or render error. A chart with a syntax error is rendered
 * first, so the check cannot pass vacuously. Run by .ci/run.
 *
 *   npx ts-node --transpile-only scripts/check-mermaid.ts
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { openPage } from './headless-chromium';

const ROOT = path.join(__dirname, '..');
// A widening with new escalation chains (the diff tests use the same pair).
const BASE = 'test/fixtures/suppression-accepts/accepted';
const HEAD = 'test/fixtures/suppression-accepts/widened';

/** What mermaid makes of each chart: `ok` with an SVG, or the error it reported. */
function renderCharts(charts: string[]): { ok: number; errors: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mermaid-'));
  try {
    const page = path.join(dir, 'charts.html');
    // Inline, so the page needs no network and no file but itself.
    const mermaid = readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
    writeFileSync(page, [
      '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="out"></div>',
      `<script>${mermaid}</script>`,
      '<script>',
      `const charts = ${JSON.stringify(charts)};`,
      "mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });",
      '(async () => {',
      "  const out = document.getElementById('out');",
      '  for (const [i, chart] of charts.entries()) {',
      '    const div = document.createElement("div");',
      '    try { const { svg } = await mermaid.render(`chart${i}`, chart); div.className = svg.includes("<svg") ? "ok" : "error"; div.innerHTML = svg; }',
      '    catch (e) { div.className = "error"; div.textContent = String(e && e.message || e); }',
      '    out.appendChild(div);',
      '  }',
      "  document.body.setAttribute('data-done', String(charts.length));",
      '})();',
      '</script></body></html>',
    ].join('\n'));
    const { stdout } = openPage(page, ['--virtual-time-budget=20000', '--dump-dom']);
    if (!stdout.includes(`data-done="${charts.length}"`)) throw new Error('mermaid did not finish rendering the charts');
    const ok = (stdout.match(/<div class="ok">/g) ?? []).length;
    const errors = [...stdout.matchAll(/<div class="error">([^<]*)/g)].map((m) => m[1]);
    return { ok, errors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const broken = renderCharts(['flowchart LR\n  a["one"] -->|x| ']);
  if (broken.errors.length !== 1) throw new Error('mermaid reported no error for a broken chart: the check would prove nothing');
  const comment = execFileSync(process.execPath, [path.join(ROOT, 'lib/cli/main.js'), 'diff', '--format', 'comment', BASE, HEAD], { cwd: ROOT, encoding: 'utf8' });
  const charts = [...comment.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
  if (charts.length === 0) throw new Error('the diff comment of a widening holds no mermaid chart');
  const { ok, errors } = renderCharts(charts);
  if (errors.length || ok !== charts.length) throw new Error(`mermaid rendered ${ok} of ${charts.length} chart(s): ${errors.join('; ')}`);
  console.log(`mermaid rendered all ${charts.length} chart(s) of the diff comment to SVG in headless Chromium.`);
}

main();
