import { blocksOf, TerraformBlock, TerraformDocument } from '../terraform-json';

function bodiesOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
}

/**
 * The blocks of one document, looked up by address where they are written instead of indexing
 * every block first: the reach needs a few thousand of them (identities, the resources they run
 * on, the scopes of grants), and listing all of a large plan again would cost as much as reading
 * it. Reads cdktf's shape and hcl2json's alike; when an address repeats, the last one counts, as
 * in `DocumentIndex`.
 */
export class DocumentLookup {
  private readonly found = new Map<string, TerraformBlock | undefined>();
  // Per section and type, the bodies by name: filled for a type the first time one of its blocks is asked for.
  private readonly byType = new Map<string, Map<string, Record<string, unknown>>>();
  private all?: TerraformBlock[];

  constructor(public readonly file: string, private readonly document: TerraformDocument) {}

  public get(address: string): TerraformBlock | undefined {
    if (this.found.has(address)) return this.found.get(address);
    // `type.name` or `data.type.name`, split without a regular expression: this runs for every identity and scope.
    const isData = address.startsWith('data.');
    const rest = isData ? address.slice(5) : address;
    const dot = rest.indexOf('.');
    let block: TerraformBlock | undefined;
    if (dot > 0 && dot < rest.length - 1) {
      const type = rest.slice(0, dot);
      const name = rest.slice(dot + 1);
      const body = this.named(isData, type).get(name);
      if (body) block = { address, type, name, isData, body };
    }
    this.found.set(address, block);
    return block;
  }

  /** Every resource (not data source) of a type. */
  public ofType(type: string): TerraformBlock[] {
    return [...this.named(false, type)].map(([name, body]) => ({ address: `${type}.${name}`, type, name, isData: false, body }));
  }

  /** Every block, listed once on first use (only literal resource IDs need them all). */
  public get blocks(): TerraformBlock[] {
    this.all ??= blocksOf(this.document);
    return this.all;
  }

  private named(isData: boolean, type: string): Map<string, Record<string, unknown>> {
    const key = isData ? `data.${type}` : type;
    let named = this.byType.get(key);
    if (!named) {
      named = new Map();
      for (const group of bodiesOf(this.document[isData ? 'data' : 'resource'])) {
        for (const byName of bodiesOf(group[type])) {
          for (const [name, value] of Object.entries(byName)) {
            for (const body of bodiesOf(value)) named.set(name, body);
          }
        }
      }
      this.byType.set(key, named);
    }
    return named;
  }
}
