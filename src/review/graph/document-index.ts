import { blocksOf, TerraformBlock, TerraformDocument } from '../terraform-json';

/** One input document with its blocks by address, so references can be followed. */
export class DocumentIndex {
  public readonly blocks: TerraformBlock[];
  private readonly byAddress = new Map<string, TerraformBlock>();
  // The graph asks for one type at a time, a dozen times per document: group once.
  private byType?: Map<string, TerraformBlock[]>;

  constructor(public readonly file: string, document: TerraformDocument) {
    this.blocks = blocksOf(document);
    // One by one: no [address, block] pair per block; the last block of an address wins, as before.
    // Indexed: in code that runs once, `for...of` makes an iterator result per block.
    const blocks = this.blocks;
    for (let at = 0; at < blocks.length; at++) this.byAddress.set(blocks[at].address, blocks[at]);
  }

  public get(address: string): TerraformBlock | undefined {
    return this.byAddress.get(address);
  }

  /** The resources (not data sources) of these types, in document order. */
  public ofType(...types: readonly string[]): TerraformBlock[] {
    const lists = types.map((type) => this.resourcesByType().get(type)).filter((list) => list !== undefined);
    if (lists.length <= 1) return lists[0] ?? [];
    // Several types: the lists already made, merged back into document order; never a pass over
    // every block (a large stack asks this of its 20,000 role assignments and nothing else).
    return lists.flat().sort((a, b) => a.position - b.position);
  }

  private resourcesByType(): Map<string, TerraformBlock[]> {
    if (this.byType === undefined) {
      this.byType = new Map();
      const blocks = this.blocks;
      for (let at = 0; at < blocks.length; at++) {
        const block = blocks[at];
        if (block.isData) continue;
        const list = this.byType.get(block.type);
        if (list === undefined) this.byType.set(block.type, [block]);
        else list.push(block);
      }
    }
    return this.byType;
  }

  /** A key for something in this document, unique across documents. */
  public keyOf(address: string, attribute: string): string {
    return `${this.file}#${address}.${attribute}`;
  }
}
