import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { MAX_INPUT_BYTES, readBoundedStream } from '../../../src/review/reader/read-file';
import { cli } from '../../cli/run-cli';

// Issue 26, item 4: a pull request controls every input. Only regular files are read, and only
// up to a size; anything else is refused by name with exit 2, never read for ever or skipped.
const ROOT = mkdtempSync(path.join(tmpdir(), 'azure-access-input-files-'));
const GRANT = 'resource "azurerm_role_assignment" "a" {\n  scope = "/subscriptions/00000000-0000-0000-0000-0000000000aa"\n  role_definition_name = "Owner"\n  principal_id = "p"\n}\n';

function directoryWith(name: string, make: (file: string) => void): string {
  const dir = mkdtempSync(path.join(ROOT, 'dir-'));
  writeFileSync(path.join(dir, 'grant.tf'), GRANT);
  make(path.join(dir, name));
  return dir;
}

async function refused(argv: string[], file: string, problem: string): Promise<void> {
  const { code, stdout, stderr } = await cli(argv);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.trim()).toBe(`azure-access ${argv[0]}: ${file}: ${problem}`);
}

describe('only regular files of a bounded size are read', () => {
  test('a main.tf that links to /dev/zero is refused, in a directory and named alone', async () => {
    const dir = directoryWith('main.tf', (file) => symlinkSync('/dev/zero', file));
    await refused(['check', '--today', '2026-12-01', dir], path.join(dir, 'main.tf'), 'is a device, not a regular file');
    await refused(['report', path.join(dir, 'main.tf')], path.join(dir, 'main.tf'), 'is a device, not a regular file');
  });

  test('a FIFO with a configuration\'s name is refused without waiting for a writer, never skipped', async () => {
    const dir = directoryWith('main.tf', (file) => execFileSync('mkfifo', [file]));
    await refused(['check', '--today', '2026-12-01', dir], path.join(dir, 'main.tf'), 'is a FIFO (named pipe), not a regular file');
  });

  test('a file larger than the limit is refused with its size; a sparse one costs no disk', async () => {
    const file = path.join(ROOT, 'large.tf.json');
    writeFileSync(file, '');
    truncateSync(file, MAX_INPUT_BYTES + 1024 * 1024);
    await refused(['report', file], file, 'is 257 MiB, more than the 256 MiB one input may hold');
  });

  test('--config and live exports are read the same way', async () => {
    const empty = path.join(ROOT, 'empty.tf.json');
    writeFileSync(empty, '{}');
    const zero = path.join(ROOT, 'config.json');
    symlinkSync('/dev/zero', zero);
    await refused(['check', '--today', '2026-12-01', '--config', zero, empty], zero, 'is a device, not a regular file');
    const fifoDir = path.join(ROOT, 'live');
    mkdirSync(fifoDir);
    const live = path.join(fifoDir, 'live.json');
    execFileSync('mkfifo', [live]);
    await refused(['audit', '--today', '2026-12-01', '--live-assignments', live, empty], live, 'is a FIFO (named pipe), not a regular file');
  });

  test('standard input past the limit is refused as a file would be', async () => {
    async function* chunks() {
      for (let i = 0; i < 5; i++) yield Buffer.alloc(400, 0x20);
    }
    await expect(readBoundedStream(chunks(), '<stdin>', 1_000)).rejects.toThrow('<stdin>: holds more than the 1000 bytes one input may hold');
    await expect(readBoundedStream(chunks(), '<stdin>', 2_000)).resolves.toHaveLength(2_000);
  });
});
