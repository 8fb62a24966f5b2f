import { readLibraryMetadata, SourceRecord } from '../model/metadata';
import { SourceDocument } from '../review/reader/source-document';
import { blocksOf } from '../review/terraform-json';

/**
 * The app's source lines the constructs recorded in the JSON (`AZURE_ACCESS_SOURCE_LOCATIONS=1`
 * at synth), by input file and Terraform address.
 */
export function resourceSources(sources: SourceDocument[]): (file: string, address: string) => SourceRecord | undefined {
  const byKey = new Map<string, SourceRecord>();
  for (const source of sources) {
    for (const block of blocksOf(source.document)) {
      const recorded = readLibraryMetadata(block.body).source;
      if (recorded) byKey.set(`${source.file}\u0000${block.address}`, recorded);
    }
  }
  return (file, address) => byKey.get(`${file}\u0000${address}`);
}
