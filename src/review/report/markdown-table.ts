/** A markdown table; cell text is escaped so a `|` in a value cannot break the layout. */
export function markdownTable(headers: string[], rows: string[][]): string {
  const cell = (value: string) => value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  return [
    `| ${headers.map(cell).join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** `code` spans for values a reviewer compares character by character. */
export function code(value: string): string {
  return value ? `\`${value.replace(/`/g, "'")}\`` : '';
}
