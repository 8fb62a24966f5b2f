/**
 * The shape of an Azure role assignment condition ("Azure role assignment condition format and
 * syntax", https://learn.microsoft.com/azure/role-based-access-control/conditions-format), read
 * far enough to refuse what ARM refuses as "The given role assignment condition is invalid":
 *
 * ```
 * condition  := or
 * or         := and (("OR" | "||") and)*
 * and        := not (("AND" | "&&") not)*
 * not        := ("NOT" | "!") not | primary
 * primary    := "(" condition ")"
 *             | "ActionMatches" "{" string "}" | "SubOperationMatches" "{" string "}"
 *             | "Exists" attribute
 *             | operand operator operand
 * operand    := attribute | value | "{" value ("," value)* "}"
 * attribute  := "@" ("Resource" | "Request" | "Principal" | "Environment") "[" name "]"
 * value      := 'text' | number | GUID | true | false
 * operator   := [("ForAnyOfAnyValues" | "ForAllOfAnyValues" | "ForAnyOfAllValues" | "ForAllOfAllValues") ":"] comparison
 * ```
 *
 * Keywords and operators are read without case (Microsoft's own CLI example writes
 * `stringEquals`). Whether an attribute exists for the role's actions is Azure's to say; the
 * shape is what is checked here, so a valid condition is never refused.
 */

/** Where and why a condition is not in the language. */
export interface ConditionSyntaxError {
  /** 0-based index into the condition. */
  readonly index: number;
  readonly reason: string;
}

// Nested deeper than this, the grammar is not read (the parentheses are still counted): no real
// condition nests so deep, and reading it would exhaust the call stack.
const MAX_DEPTH = 200;

const ATTRIBUTE_SOURCES = ['resource', 'request', 'principal', 'environment'];
const CROSS_PRODUCT = /^(foranyofanyvalues|forallofanyvalues|foranyofallvalues|forallofallvalues):/;
const COMPARISONS = [
  /^string(not)?(equals|startswith|like)(ignorecase)?$/,
  /^(numeric|datetime)(equals|notequals|lessthan|lessthanequals|greaterthan|greaterthanequals)$/,
  /^(bool|guid)(not)?equals$/,
];

type TokenKind = 'open' | 'close' | 'lbrace' | 'rbrace' | 'comma' | 'not' | 'and' | 'or' | 'string' | 'number' | 'guid' | 'attribute' | 'word' | 'end';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly index: number;
}

class SyntaxFailure extends Error {
  constructor(readonly index: number, readonly reason: string) {
    super(reason);
  }
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const NUMBER = /^-?\d+(\.\d+)?(?![\w.])/;
const WORD = /^[A-Za-z_][A-Za-z0-9_:.]*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i, i + 80);
    const two = text.slice(i, i + 2);
    const single: Partial<Record<string, TokenKind>> = { '(': 'open', ')': 'close', '{': 'lbrace', '}': 'rbrace', ',': 'comma', '!': 'not' };
    if (two === '&&' || two === '||') {
      tokens.push({ kind: two === '&&' ? 'and' : 'or', text: two, index: i });
      i += 2;
    } else if (single[c] !== undefined) {
      tokens.push({ kind: single[c]!, text: c, index: i });
      i++;
    } else if (c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw new SyntaxFailure(i, 'a quoted value is not closed');
      tokens.push({ kind: 'string', text: text.slice(i, j + 1), index: i });
      i = j + 1;
    } else if (c === '@') {
      const source = /^@([A-Za-z]+)\[/.exec(text.slice(i, i + 20));
      if (!source || !ATTRIBUTE_SOURCES.includes(source[1].toLowerCase())) {
        throw new SyntaxFailure(i, 'an attribute is not @Resource[...], @Request[...], @Principal[...] or @Environment[...]');
      }
      const close = text.indexOf(']', i + source[0].length);
      if (close < 0) throw new SyntaxFailure(i, 'an attribute\'s "[" is not closed');
      if (close === i + source[0].length) throw new SyntaxFailure(i, 'an attribute names nothing between "[" and "]"');
      tokens.push({ kind: 'attribute', text: text.slice(i, close + 1), index: i });
      i = close + 1;
    } else {
      const match = GUID.exec(rest) ?? NUMBER.exec(rest) ?? WORD.exec(rest);
      if (!match) throw new SyntaxFailure(i, `${JSON.stringify(c)} is not part of the condition language`);
      const word = match[0];
      const lower = word.toLowerCase();
      const kind: TokenKind = GUID.test(word) ? 'guid' : NUMBER.test(word) ? 'number'
        : lower === 'and' ? 'and' : lower === 'or' ? 'or' : lower === 'not' ? 'not' : 'word';
      tokens.push({ kind, text: word, index: i });
      i += word.length;
    }
  }
  tokens.push({ kind: 'end', text: 'the end', index: text.length });
  return tokens;
}

function isOperator(word: string): boolean {
  const comparison = word.toLowerCase().replace(CROSS_PRODUCT, '');
  return COMPARISONS.some((pattern) => pattern.test(comparison));
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  public condition(): void {
    this.or();
    const next = this.peek();
    if (next.kind !== 'end') throw this.unexpected(next, next.kind === 'close' ? 'a ")" that closes nothing' : 'AND, OR or the end of the condition');
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private take(): Token {
    return this.tokens[this.position++];
  }

  private unexpected(token: Token, expected: string): SyntaxFailure {
    return new SyntaxFailure(token.index, `expected ${expected}, found ${token.kind === 'end' ? 'the end' : JSON.stringify(token.text)}`);
  }

  private expect(kind: TokenKind, expected: string): Token {
    const token = this.take();
    if (token.kind !== kind) throw this.unexpected(token, expected);
    return token;
  }

  private or(): void {
    this.and();
    while (this.peek().kind === 'or') {
      this.take();
      this.and();
    }
  }

  private and(): void {
    this.not();
    while (this.peek().kind === 'and') {
      this.take();
      this.not();
    }
  }

  private not(): void {
    while (this.peek().kind === 'not') this.take();
    this.primary();
  }

  private primary(): void {
    const token = this.peek();
    if (token.kind === 'open') {
      this.take();
      this.or();
      this.expect('close', `")" (or AND, OR) to close the "(" at character ${token.index + 1}`);
      return;
    }
    const word = token.kind === 'word' ? token.text.toLowerCase() : '';
    if (word === 'actionmatches' || word === 'suboperationmatches') {
      this.take();
      this.expect('lbrace', `"{" after ${token.text}`);
      this.expect('string', `a quoted ${word === 'actionmatches' ? 'action' : 'suboperation'} after ${token.text}{`);
      this.expect('rbrace', `"}" to close ${token.text}{`);
      return;
    }
    if (word === 'exists') {
      this.take();
      this.expect('attribute', 'an attribute (@Resource[...], @Request[...], ...) after Exists');
      return;
    }
    this.operand('ActionMatches{...}, SubOperationMatches{...}, Exists, "(", NOT or an attribute such as @Resource[...]');
    const operator = this.take();
    if (operator.kind !== 'word' || !isOperator(operator.text)) {
      throw this.unexpected(operator, 'an operator such as StringEquals, StringLike, ForAnyOfAnyValues:StringEquals, GuidEquals, BoolEquals or DateTimeGreaterThan');
    }
    this.operand(`a value or an attribute after ${operator.text}`);
  }

  private operand(expected: string): void {
    const token = this.take();
    if (token.kind === 'attribute' || this.isValue(token)) return;
    if (token.kind === 'lbrace') {
      for (;;) {
        const value = this.take();
        if (!this.isValue(value)) throw this.unexpected(value, 'a value (\'text\', a number, a GUID, true or false) in {...}');
        const next = this.take();
        if (next.kind === 'rbrace') return;
        if (next.kind !== 'comma') throw this.unexpected(next, '"," or "}" in a list of values');
      }
    }
    throw this.unexpected(token, expected);
  }

  private isValue(token: Token): boolean {
    return token.kind === 'string' || token.kind === 'number' || token.kind === 'guid'
      || (token.kind === 'word' && ['true', 'false'].includes(token.text.toLowerCase()));
  }
}

/**
 * Whether the parentheses outside quoted values and attribute names balance, and how deep they
 * nest: counted in one pass, so any depth is judged.
 */
function parentheses(text: string): { error?: ConditionSyntaxError; depth: number } {
  const open: number[] = [];
  let depth = 0;
  let quoted = false;
  let inAttribute = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === "'") quoted = false;
    } else if (inAttribute) {
      if (c === ']') inAttribute = false;
    } else if (c === "'") {
      quoted = true;
    } else if (c === '@') {
      inAttribute = true;
    } else if (c === '(') {
      open.push(i);
      depth = Math.max(depth, open.length);
    } else if (c === ')') {
      if (open.length === 0) return { error: { index: i, reason: 'a ")" closes nothing' }, depth };
      open.pop();
    }
  }
  if (open.length > 0) return { error: { index: open[open.length - 1], reason: 'a "(" is never closed' }, depth };
  return { depth };
}

/** Why a condition is not in the condition language, or undefined when its shape is. */
export function conditionSyntaxError(condition: string): ConditionSyntaxError | undefined {
  const balance = parentheses(condition);
  if (balance.error !== undefined) return balance.error;
  if (balance.depth > MAX_DEPTH) return undefined;
  try {
    new Parser(tokenize(condition)).condition();
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxFailure) return { index: error.index, reason: error.reason };
    throw error;
  }
}
