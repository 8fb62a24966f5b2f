/**
 * Terraform's order of strings: by their UTF-8 bytes, as Go compares strings. It orders sets
 * (`toset`), map keys (`keys`, `values`, `for_each` instances) and so the instances a review
 * lists. Never the locale's order: `rg-zeta` comes before `rg-äpfel` on every machine.
 *
 * UTF-8 byte order is code point order. JavaScript compares UTF-16 code units, which differs only
 * where one side is a surrogate (a code point above U+FFFF): that side is the greater.
 */
export function compareTerraformStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Keys of an object in Terraform's order. */
export function sortedKeys(object: object): string[] {
  return Object.keys(object).sort(compareTerraformStrings);
}
