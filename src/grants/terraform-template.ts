/**
 * Terraform expressions written as one template string rather than nested `Fn` calls. cdktf's
 * `Fn` warns ("escape sequences ... output may be incorrect") when an argument mixes a token with
 * literal text, and every `Fn` call is a token that records a stack trace (which dominated synth
 * time for thousands of grants). A template costs neither, and a test pins its exact output.
 */

/**
 * Text for inside a quoted HCL string within an expression. cdktf writes a token that stands
 * inside `${...}` as the bare expression (`azurerm_key_vault.kv.id`), which in a string would be
 * literal text; wrapping each token in its own `${}` makes it a nested interpolation again.
 */
export function quotedTemplatePart(part: string): string {
  return part.replace(/[\\"]/g, '\\$&').replace(/\$\{TfToken\[[^\]]+\]\}/g, (token) => `\${${token}}`);
}

/** `"<value>"` as an HCL string inside an expression, tokens kept as interpolations. */
export function quotedString(value: string): string {
  return `"${quotedTemplatePart(value)}"`;
}

const ONE_TOKEN = /^\$\{TfToken\[[^\]]+\]\}$/;

/**
 * A value as an operand inside an expression: a value that is one token stays that token (cdktf
 * writes it as the bare reference, `azurerm_key_vault.kv.id`); anything else is a quoted string.
 */
export function operand(value: string): string {
  return ONE_TOKEN.test(value) ? value : quotedString(value);
}
