/**
 * A parser for the part of Terraform's expression language the review evaluates: literals,
 * templates, references with attribute and index steps, function calls, operators, conditionals,
 * tuples, objects and `for` expressions. hcl2json hands every expression over as `${...}` text;
 * whatever this parser does not understand stays as written, which the graph reads as unknown.
 */
export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'template'; parts: (string | Expr)[] }
  | { kind: 'name'; name: string }
  | { kind: 'attr'; target: Expr; name: string }
  | { kind: 'index'; target: Expr; key: Expr }
  | { kind: 'splat'; target: Expr; rest: string[] }
  | { kind: 'call'; name: string; args: Expr[]; expand: boolean }
  | { kind: 'unary'; op: string; operand: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'conditional'; condition: Expr; then: Expr; otherwise: Expr }
  | { kind: 'tuple'; items: Expr[] }
  | { kind: 'object'; items: { key: Expr; value: Expr }[] }
  | { kind: 'for'; keyVar?: string; valueVar: string; collection: Expr; keyExpr?: Expr; valueExpr: Expr; condition?: Expr; grouped: boolean; object: boolean };

export class ExpressionSyntaxError extends Error {}

interface Token {
  readonly type: 'num' | 'str' | 'ident' | 'punct' | 'heredoc' | 'eof';
  readonly text: string;
  /** For `str`: the raw template text between the quotes. */
  readonly raw?: string;
}

const PUNCT = ['==', '!=', '<=', '>=', '&&', '||', '=>', '...', '?', ':', '(', ')', '[', ']', '{', '}', ',', '.', '+', '-', '*', '/', '%', '<', '>', '!', '='];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '/' && text[i + 1] === '*') { const end = text.indexOf('*/', i + 2); i = end < 0 ? text.length : end + 2; continue; }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i))!;
      tokens.push({ type: 'num', text: m[0] }); i += m[0].length; continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i))!;
      tokens.push({ type: 'ident', text: m[0] }); i += m[0].length; continue;
    }
    if (c === '"') {
      // The raw template text, up to the closing quote, skipping over nested `${...}`.
      let j = i + 1; let depth = 0;
      while (j < text.length) {
        if (text[j] === '\\') { j += 2; continue; }
        if (depth === 0 && text[j] === '"') break;
        if ((text[j] === '$' || text[j] === '%') && text[j + 1] === '{') { depth++; j += 2; continue; }
        if (depth > 0 && text[j] === '}') { depth--; j++; continue; }
        if (depth > 0 && text[j] === '"') { j = skipString(text, j); continue; }
        j++;
      }
      if (j >= text.length) throw new ExpressionSyntaxError('unterminated string');
      tokens.push({ type: 'str', text: text.slice(i, j + 1), raw: text.slice(i + 1, j) }); i = j + 1; continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const m = /^<<(-?)([A-Za-z_]+)\n/.exec(text.slice(i));
      if (m) {
        const start = i + m[0].length;
        const endMatch = new RegExp(`\\n\\s*${m[2]}(?=\\s|$)`).exec(text.slice(start - 1));
        if (!endMatch) throw new ExpressionSyntaxError('unterminated heredoc');
        let body = text.slice(start, start - 1 + endMatch.index + 1);
        if (m[1] === '-') {
          const lines = body.split('\n');
          const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
          body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
        }
        tokens.push({ type: 'heredoc', text: body, raw: body });
        i = start - 1 + endMatch.index + endMatch[0].length;
        continue;
      }
    }
    const p = PUNCT.find((x) => text.startsWith(x, i));
    if (!p) throw new ExpressionSyntaxError(`unexpected character ${c}`);
    tokens.push({ type: 'punct', text: p }); i += p.length;
  }
  tokens.push({ type: 'eof', text: '' });
  return tokens;
}

function skipString(text: string, start: number): number {
  let j = start + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

function unescape(text: string): string {
  return text.replace(/\\(["\\nrt]|u[0-9a-fA-F]{4})/g, (_, e: string) =>
    e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e.startsWith('u') ? String.fromCharCode(parseInt(e.slice(1), 16)) : e);
}

/**
 * A template (`"/subscriptions/${var.sub}"`, or an attribute hcl2json wrote as `${...}`) as
 * literal parts and expressions. `$${` is a literal `${`. Template directives (`%{ if }`) are not
 * evaluated: a template with one is one unknown expression.
 */
export function parseTemplate(text: string, escapes = false): Expr {
  const parts: (string | Expr)[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) { literal += '${'; i += 3; continue; }
    if (text.startsWith('%{', i) && !text.startsWith('%%{', i)) throw new ExpressionSyntaxError('template directives are not evaluated');
    if (text.startsWith('${', i)) {
      const end = matchingBrace(text, i + 1);
      if (literal) parts.push(escapes ? unescape(literal) : literal);
      literal = '';
      parts.push(parseExpression(text.slice(i + 2, end).replace(/^~|~$/g, '')));
      i = end + 1;
      continue;
    }
    literal += text[i++];
  }
  if (literal) parts.push(escapes ? unescape(literal) : literal);
  if (parts.length === 1 && typeof parts[0] !== 'string') return parts[0];
  return parts.every((p) => typeof p === 'string') ? { kind: 'literal', value: parts.join('') } : { kind: 'template', parts };
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    const c = text[j];
    if (c === '"') { j = skipString(text, j) - 1; continue; }
    if (c === '{') depth++;
    if (c === '}' && --depth === 0) return j;
  }
  throw new ExpressionSyntaxError('unclosed ${');
}

const PRECEDENCE: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

/** One expression, as written between `${` and `}`. */
export function parseExpression(text: string): Expr {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const isPunct = (p: string) => peek().type === 'punct' && peek().text === p;
  const expect = (p: string) => {
    if (!isPunct(p)) throw new ExpressionSyntaxError(`expected ${p}, got ${peek().text || 'the end'}`);
    pos++;
  };
  const skipNewlines = () => undefined;

  function expression(): Expr {
    const condition = binary(0);
    if (isPunct('?')) {
      pos++;
      const then = expression();
      expect(':');
      const otherwise = expression();
      return { kind: 'conditional', condition, then, otherwise };
    }
    return condition;
  }

  function binary(min: number): Expr {
    let left = unary();
    for (;;) {
      const t = peek();
      const p = t.type === 'punct' ? PRECEDENCE[t.text] : undefined;
      if (p === undefined || p <= min) return left;
      pos++;
      left = { kind: 'binary', op: t.text, left, right: binary(p) };
    }
  }

  function unary(): Expr {
    if (isPunct('!') || isPunct('-')) {
      const op = next().text;
      return { kind: 'unary', op, operand: unary() };
    }
    return postfix(primary());
  }

  function postfix(target: Expr): Expr {
    for (;;) {
      if (isPunct('.')) {
        pos++;
        const t = next();
        if (t.type === 'punct' && t.text === '*') {
          target = { kind: 'splat', target, rest: [] };
          continue;
        }
        if (t.type !== 'ident' && t.type !== 'num') throw new ExpressionSyntaxError('expected an attribute name');
        if (target.kind === 'splat') target = { ...target, rest: [...target.rest, t.text] };
        else target = t.type === 'num' ? { kind: 'index', target, key: { kind: 'literal', value: Number(t.text) } } : { kind: 'attr', target, name: t.text };
        continue;
      }
      if (isPunct('[')) {
        pos++;
        if (isPunct('*')) { pos++; expect(']'); target = { kind: 'splat', target, rest: [] }; continue; }
        const key = expression();
        expect(']');
        target = { kind: 'index', target, key };
        continue;
      }
      return target;
    }
  }

  function primary(): Expr {
    skipNewlines();
    const t = next();
    switch (t.type) {
      case 'num': return { kind: 'literal', value: Number(t.text) };
      case 'str': return parseTemplate(t.raw!, true);
      case 'heredoc': return parseTemplate(t.raw!);
      case 'ident':
        if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true' };
        if (t.text === 'null') return { kind: 'literal', value: null };
        if (isPunct('(')) {
          pos++;
          const args: Expr[] = [];
          let expand = false;
          while (!isPunct(')')) {
            args.push(expression());
            if (isPunct('...')) { pos++; expand = true; }
            if (!isPunct(')')) expect(',');
          }
          pos++;
          return { kind: 'call', name: t.text.replace(/^provider::[^:]+::/, ''), args, expand };
        }
        return { kind: 'name', name: t.text };
      case 'punct':
        if (t.text === '(') { const inner = expression(); expect(')'); return inner; }
        if (t.text === '[') return tuple();
        if (t.text === '{') return object();
        break;
      default:
        break;
    }
    throw new ExpressionSyntaxError(`unexpected ${t.text || 'end'}`);
  }

  function tuple(): Expr {
    if (peek().type === 'ident' && peek().text === 'for') return forExpression(false);
    const items: Expr[] = [];
    while (!isPunct(']')) {
      items.push(expression());
      if (!isPunct(']')) expect(',');
    }
    pos++;
    return { kind: 'tuple', items };
  }

  function object(): Expr {
    if (peek().type === 'ident' && peek().text === 'for') return forExpression(true);
    const items: { key: Expr; value: Expr }[] = [];
    while (!isPunct('}')) {
      // A bare name as a key is the name itself, not a variable (`{ reader = "Reader" }`).
      const keyToken = peek();
      const after = tokens[pos + 1];
      let key: Expr;
      if (keyToken.type === 'ident' && after.type === 'punct' && (after.text === '=' || after.text === ':')) {
        pos++;
        key = { kind: 'literal', value: keyToken.text };
      } else {
        key = expression();
      }
      if (isPunct('=') || isPunct(':')) pos++;
      else throw new ExpressionSyntaxError('expected = in an object');
      items.push({ key, value: expression() });
      if (isPunct(',')) pos++;
    }
    pos++;
    return { kind: 'object', items };
  }

  function forExpression(isObject: boolean): Expr {
    pos++; // for
    const first = next().text;
    let keyVar: string | undefined;
    let valueVar = first;
    if (isPunct(',')) { pos++; keyVar = first; valueVar = next().text; }
    if (next().text !== 'in') throw new ExpressionSyntaxError('expected in');
    const collection = expression();
    expect(':');
    let keyExpr: Expr | undefined;
    let valueExpr = expression();
    if (isObject) {
      expect('=>');
      keyExpr = valueExpr;
      valueExpr = expression();
    }
    let grouped = false;
    if (isPunct('...')) { pos++; grouped = true; }
    let condition: Expr | undefined;
    if (peek().type === 'ident' && peek().text === 'if') { pos++; condition = expression(); }
    expect(isObject ? '}' : ']');
    return { kind: 'for', keyVar, valueVar, collection, keyExpr, valueExpr, condition, grouped, object: isObject };
  }

  const result = expression();
  if (peek().type !== 'eof') throw new ExpressionSyntaxError(`unexpected ${peek().text}`);
  return result;
}

const NAMES_READ = new WeakMap<Expr, ReadonlySet<string>>();

/**
 * Every name an expression reads at its roots (`var`, `each`, `azurerm_role_assignment`, a `for`
 * variable), worked out once per parsed expression. A superset is safe: callers use it to tell
 * that an expression does not read a name.
 */
export function namesRead(expr: Expr): ReadonlySet<string> {
  let names = NAMES_READ.get(expr);
  if (names === undefined) {
    const found = new Set<string>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(visit);
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (record.kind === 'name' && typeof record.name === 'string') found.add(record.name);
      for (const key of Object.keys(record)) visit(record[key]);
    };
    visit(expr);
    names = found;
    NAMES_READ.set(expr, names);
  }
  return names;
}
