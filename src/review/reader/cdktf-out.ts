import { promises as fs } from 'fs';
import * as path from 'path';
import { InputError } from './input-error';
import { readJsonText } from './json-document';
import { parseJson } from './json-position';
import { exists, readText } from './read-file';
import { describe, expectRecord, expectString, isRecord, pointerTo } from './shape-check';
import { SourceDocument } from './source-document';

export const CDKTF_MANIFEST = 'manifest.json';

/**
 * Reads every stack of a `cdktf synth` output directory, in manifest order. Stacks are found
 * through manifest.json rather than by listing `stacks/`, which keeps stale stacks of earlier
 * synths out of the review.
 */
export async function readCdktfOut(dir: string, absoluteDir: string): Promise<SourceDocument[]> {
  const manifestFile = path.join(dir, CDKTF_MANIFEST);
  const manifest = parseJson(manifestFile, await readText(manifestFile, path.join(absoluteDir, CDKTF_MANIFEST)));
  if (!isRecord(manifest)) throw new InputError(manifestFile, `expected a cdktf manifest (an object with "stacks"), got ${describe(manifest)}`);
  const stacks = expectRecord(manifestFile, '/stacks', manifest.stacks);
  if (Object.keys(stacks).length === 0) throw new InputError(dir, `${CDKTF_MANIFEST} lists no stacks`);

  const documents: SourceDocument[] = [];
  for (const [stack, value] of Object.entries(stacks)) {
    const stackPlace = pointerTo('/stacks', stack);
    const stackPath = expectString(manifestFile, pointerTo(stackPlace, 'synthesizedStackPath'),
      expectRecord(manifestFile, stackPlace, value).synthesizedStackPath);
    const absoluteStackFile = path.resolve(absoluteDir, stackPath);
    if (path.isAbsolute(stackPath) || !isInside(absoluteDir, absoluteStackFile) || !await staysInside(absoluteDir, absoluteStackFile)) {
      throw new InputError(manifestFile, `stack "${stack}" is at ${stackPath}, outside ${dir}; a cdktf manifest names its stacks inside its own directory`,
        pointerTo(stackPlace, 'synthesizedStackPath'));
    }
    if (!await exists(absoluteStackFile)) {
      throw new InputError(dir, `${CDKTF_MANIFEST} lists stack "${stack}" at ${stackPath}, which does not exist`);
    }
    const file = path.join(dir, stackPath);
    for (const document of readJsonText(file, await readText(file, absoluteStackFile))) documents.push({ ...document, stack });
  }
  return documents;
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

/**
 * A manifest is input like any other: a stack path through a link that leads out of the
 * directory would read whatever file it names (and print parts of it in messages). A stack that
 * does not exist is left to the "does not exist" message.
 */
async function staysInside(dir: string, file: string): Promise<boolean> {
  const [realDir, realFile] = await Promise.all([fs.realpath(dir), fs.realpath(file)].map((p) => p.catch(() => undefined)));
  return realDir === undefined || realFile === undefined || isInside(realDir, realFile);
}
