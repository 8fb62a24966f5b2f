/**
 * Renders `azure-access report --format html` in a real browser (headless Chromium) and fails
 * unless the page draws something (the screenshot is not blank) and logs nothing to the console.
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
  const page = path.join(dir, 'report.html');
  writeFileSync(page, execFileSync(process.execPath, [path.join(ROOT, 'lib/cli/main.js'), 'report', '--format', 'html', ...inputs], { cwd: ROOT }));
  const html = readFileSync(page, 'utf8');
  if (/<script|\bsrc=|\bhref=|@import|url\(/i.test(html)) throw new Error('the report page refers to something outside itself, or runs a script');
  const screenshot = path.join(dir, 'report.png');
  const consoleLines = render(page, screenshot);
  if (consoleLines.length) throw new Error(`the report page logged to the console:\n${consoleLines.join('\n')}`);
  const { distinct, white } = colours(readFileSync(screenshot));
  if (distinct < 8 || white > 0.995) throw new Error(`the screenshot looks blank: ${distinct} colours, ${(white * 100).toFixed(1)}% white`);
  console.log(`HTML report rendered in ${browser()}: ${distinct} colours, ${(white * 100).toFixed(1)}% white, no console message (${path.relative(ROOT, page) || page}).`);
}

main();
