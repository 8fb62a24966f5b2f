/**
 * Renders `azure-access report --format html` in a real browser (headless Chromium) and fails
 * unless the page draws something (the screenshot is not blank), logs nothing to the console, and
 * its drawing is readable: no label on another, none out of its box, measured in the browser for
 * the example app and for an app with issue 25's three mistakes.
 * Run by .ci/run after the build; it fails, never skips, when no browser can be found. A page
 * that logs an error on purpose is checked first, so the console check cannot pass vacuously.
 *
 *   npx ts-node --transpile-only scripts/check-html-report.ts [input...]   (default: the example app)
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { inflateSync } from 'zlib';
import { browser, openPage } from './headless-chromium';

const ROOT = path.join(__dirname, '..');
/** Screenshot and console lines of a page. */
function render(page: string, screenshot: string): string[] {
  return openPage(page, ['--window-size=1280,1000', `--screenshot=${screenshot}`]).console;
}

/** The distinct colours of an 8-bit RGB or RGBA PNG, and the share of white pixels. */
function colours(png: Buffer): { distinct: number; white: number } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [depth, type] = [png[24], png[25]];
  if (depth !== 8 || (type !== 2 && type !== 6)) throw new Error(`unexpected PNG format (depth ${depth}, colour type ${type})`);
  const channels = type === 6 ? 4 : 3;
  const data: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[row * (stride + 1) + 1 + i];
      const left = i >= channels ? pixels[row * stride + i - channels] : 0;
      const up = row > 0 ? pixels[(row - 1) * stride + i] : 0;
      const upLeft = row > 0 && i >= channels ? pixels[(row - 1) * stride + i - channels] : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return a <= b && a <= c ? left : b <= c ? up : upLeft;
      };
      const predictor = [0, left, up, Math.floor((left + up) / 2), paeth()][filter];
      pixels[row * stride + i] = (x + predictor) % 256;
    }
  }
  const seen = new Set<number>();
  let white = 0;
  for (let p = 0; p < width * height; p++) {
    const [r, g, b] = [pixels[p * channels], pixels[p * channels + 1], pixels[p * channels + 2]];
    seen.add(r * 65536 + g * 256 + b);
    if (r === 255 && g === 255 && b === 255) white++;
  }
  return { distinct: seen.size, white: white / (width * height) };
}

/**
 * The drawing's layout, measured in the browser: a page with the report's drawing and a script
 * that reads each text's and box's bounding box and logs `LAYOUT ok <n>` or one `LAYOUT overlap`
 * / `LAYOUT overflow` line a problem. Two labels that cross, or a label that leaves its box, fail.
 */
function layoutProblems(svg: string, dir: string, name: string): string[] {
  const page = path.join(dir, `${name}-layout.html`);
  const script = `
const texts = [...document.querySelectorAll('svg text')];
const boxes = (t) => { const r = t.getBoundingClientRect(); return { l: r.left, r: r.right, t: r.top, b: r.bottom, s: t.textContent }; };
const problems = [];
const all = texts.map(boxes);
for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) {
  const a = all[i], b = all[j];
  if (a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b) problems.push('LAYOUT overlap: ' + JSON.stringify(a.s) + ' and ' + JSON.stringify(b.s));
}
for (const t of texts) {
  const rect = t.parentNode.querySelector('rect');
  if (!rect) continue;
  const r = rect.getBoundingClientRect(), b = t.getBoundingClientRect();
  if (b.left < r.left || b.right > r.right || b.top < r.top || b.bottom > r.bottom) problems.push('LAYOUT overflow: ' + JSON.stringify(t.textContent));
}
if (problems.length) problems.forEach((p) => console.error(p)); else console.error('LAYOUT ok ' + texts.length);`;
  writeFileSync(page, `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${STYLE_OF_REPORT}</style></head><body>${svg}<script>${script}</script></body></html>`);
  const lines = openPage(page, ['--window-size=1280,1000', '--virtual-time-budget=5000', `--screenshot=${path.join(dir, `${name}-layout.png`)}`]).console
    .map((line) => /LAYOUT (?:ok \d+|\w+: "(?:[^"\\]|\\.)*"(?: and "(?:[^"\\]|\\.)*")?)/.exec(line)?.[0] ?? '').filter((line) => line !== '');
  if (!lines.some((line) => line.startsWith('LAYOUT ok') || line.startsWith('LAYOUT overlap') || line.startsWith('LAYOUT overflow'))) {
    throw new Error(`the layout check of ${name} logged nothing: it would prove nothing`);
  }
  return lines.filter((line) => !line.startsWith('LAYOUT ok'));
}

/** The report page's own style, so the drawing is measured in the font and size the page draws it in. */
let STYLE_OF_REPORT = '';

/** The drawing of a report page: its one `<svg>`. */
function drawingOf(html: string): string {
  const start = html.indexOf('<svg');
  const end = html.indexOf('</svg>', start);
  if (start < 0 || end < 0) throw new Error('the report page has no drawing');
  return html.slice(start, end + '</svg>'.length);
}

/** The report of these inputs as a page, written to the directory. */
function reportPage(inputs: string[], dir: string, name: string): string {
  const page = path.join(dir, `${name}.html`);
  writeFileSync(page, execFileSync(process.execPath, [path.join(ROOT, 'lib/cli/main.js'), 'report', '--format', 'html', '--today', '2026-12-07', ...inputs], { cwd: ROOT }));
  return page;
}

function main(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'html-report-'));
  // The console check must be able to fail: a page that logs an error has to be caught.
  const probe = path.join(dir, 'probe.html');
  writeFileSync(probe, '<!DOCTYPE html><html><body><p>probe</p><script>console.error("probe error")</script></body></html>');
  if (!render(probe, path.join(dir, 'probe.png')).some((line) => line.includes('probe error'))) {
    throw new Error('the browser did not report a console error on a page that logs one: the console check would prove nothing');
  }
  let inputs = process.argv.slice(2);
  if (inputs.length === 0) {
    execFileSync('npx', ['ts-node', '--transpile-only', 'examples/ordering-api/main.ts'], { cwd: ROOT, stdio: 'ignore' });
    inputs = ['cdktf.out'];
  }
  const page = reportPage(inputs, dir, 'report');
  const html = readFileSync(page, 'utf8');
  STYLE_OF_REPORT = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  // The layout check must be able to fail: two labels drawn on each other, and one wider than its box, have to be caught.
  const broken = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60"><g><text x="10" y="20">overlapping one</text></g>'
    + '<g><text x="20" y="22">overlapping two</text></g><g><rect x="10" y="30" width="40" height="26"/><text x="14" y="47">too long for its box</text></g></svg>';
  const caught = layoutProblems(broken, dir, 'probe');
  if (!caught.some((p) => p.startsWith('LAYOUT overlap')) || !caught.some((p) => p.startsWith('LAYOUT overflow'))) {
    throw new Error(`the layout check did not catch a deliberately broken drawing (${caught.join('; ') || 'nothing'}): it would prove nothing`);
  }
  // The example app, and an app with the three mistakes of issue 25's trial (long names, a subscription, escalations).
  for (const [name, drawing] of [['report', drawingOf(html)], ['three-mistakes', drawingOf(readFileSync(reportPage(['test/fixtures/html/three-mistakes'], dir, 'three-mistakes'), 'utf8'))]]) {
    const problems = layoutProblems(drawing, dir, name);
    if (problems.length) throw new Error(`the drawing of ${name} is not readable:\n${problems.join('\n')}`);
  }
  if (/<script|\bsrc=|\bhref=|@import|url\(/i.test(html)) throw new Error('the report page refers to something outside itself, or runs a script');
  const screenshot = path.join(dir, 'report.png');
  const consoleLines = render(page, screenshot);
  if (consoleLines.length) throw new Error(`the report page logged to the console:\n${consoleLines.join('\n')}`);
  const { distinct, white } = colours(readFileSync(screenshot));
  if (distinct < 8 || white > 0.995) throw new Error(`the screenshot looks blank: ${distinct} colours, ${(white * 100).toFixed(1)}% white`);
  console.log(`HTML report rendered in ${browser()}: ${distinct} colours, ${(white * 100).toFixed(1)}% white, no console message (${path.relative(ROOT, page) || page}).`);
}

main();
