import { spawnSync } from 'child_process';

// What the CI checks of pages (the HTML report, the diff's mermaid charts) share: the browser.
const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The headless browser on this machine; an error, never a skip, when there is none. */
export function browser(): string {
  for (const name of BROWSERS) {
    if (spawnSync('sh', ['-c', `command -v ${name}`]).status === 0) return name;
  }
  throw new Error(`no headless browser found (tried ${BROWSERS.join(', ')}); install Debian's chromium: apt-get install -y chromium`);
}

/** Opens a local page headless (as root Chromium needs --no-sandbox); its stdout and console lines. */
export function openPage(page: string, options: string[]): { stdout: string; console: string[] } {
  const run = spawnSync(browser(), [
    '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run',
    '--enable-logging=stderr', '--v=0', ...options, `file://${page}`,
  ], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`the browser failed on ${page} (exit ${run.status}): ${run.stderr}`);
  return { stdout: run.stdout, console: run.stderr.split('\n').filter((line) => /CONSOLE/.test(line)) };
}
