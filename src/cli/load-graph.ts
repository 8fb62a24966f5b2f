import { CliIo } from './cli-io';
import { UsageError } from './usage-error';
import { AccessGraph, GraphOptions, SuppressionsByAddress } from '../review/graph/access-graph';
import { isStackOverflow, tooDeepJson } from '../review/reader/nesting-limit';
import { readInputs } from '../review/reader/read-inputs';
import { SourceDocument } from '../review/reader/source-document';

/** Reads the command's inputs (files, directories, `-`) into source documents. */
export async function loadSources(command: string, inputs: string[], io: CliIo): Promise<SourceDocument[]> {
  if (inputs.length === 0) {
    throw new UsageError('no input given: name a cdktf.out directory, *.tf.json or *.tf files, a plan JSON, or - for standard input', command);
  }
  return sensitiveSeen(io, await readInputs(inputs, { readStdin: io.readStdin, cwd: io.cwd }));
}

/** The documents, their sensitive values now hidden in whatever the command writes. */
export function sensitiveSeen(io: CliIo, documents: SourceDocument[]): SourceDocument[] {
  io.sensitive?.addDocuments(documents);
  return documents;
}

export function graphOf(sources: SourceDocument[], suppressions?: SuppressionsByAddress, options?: GraphOptions): AccessGraph {
  try {
    return AccessGraph.fromDocuments(sources.map((s) => ({ file: s.file, document: s.document, stack: s.stack })), suppressions, options);
  } catch (error) {
    // A section the reader does not walk, nested too deep for the graph's walk: named by file and place.
    if (!isStackOverflow(error)) throw error;
    throw sources.map((s) => tooDeepJson(s.file, s.document)).find((found) => found !== undefined) ?? error;
  }
}
