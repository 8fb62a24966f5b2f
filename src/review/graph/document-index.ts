import { blocksOf, TerraformBlock, TerraformDocument } from '../terraform-json';

/** One input document with its blocks by address, so references can be followed. */
export class DocumentIndex {
  public readonly blocks: TerraformBlock[];
  private readonly byAddress: Map<string, TerraformBlock>;

  constructor(public readonly file: string, document: TerraformDocument) {
    this.blocks = blocksOf(document);
    this.byAddress = new Map(this.blocks.map((b) => [b.address, b]));
  }

  public get(address: string): TerraformBlock | undefined {
    return this.byAddress.get(address);
  }

  public ofType(...types: string[]): TerraformBlock[] {
    return this.blocks.filter((b) => !b.isData && types.includes(b.type));
  }

  /** A key for something in this document, unique across documents. */
  public keyOf(address: string, attribute: string): string {
    return `${this.file}#${address}.${attribute}`;
  }
}
