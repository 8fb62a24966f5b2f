/**
 * A parser for Terraform's expression language as the review evaluates it: literals, templates
 * (with `%{ if }` and `%{ for }` directives), references with attribute and index steps, function
 * calls, operators, conditionals, tuples, objects and `for` expressions. hcl2json hands every
 * expression over as `${...}` text; whatever this parser does not understand stays as written,
 * which the graph reads as unknown.
 */
export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'template'; parts: (string | Expr)[] }
  | { kind: 'templateIf'; condition: Expr; then: Expr; otherwise: Expr }
  | { kind: 'templateFor'; keyVar?: string; valueVar: string; collection: Expr; body: Expr }
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

/**
 * How deep an expression may nest (brackets, calls, operators, templates inside templates). The
 * parser and every walk over an expression recurse per level; without a limit, a Terraform JSON
 * string such as `"${[[[[...]]]]}"` thousands of levels deep overflowed the stack. Real
 * expressions nest a dozen levels; this is the limit `*.tf` files get (MAX_HCL_NESTING).
 */
export const MAX_EXPRESSION_DEPTH = 256;

/** An expression nested deeper than MAX_EXPRESSION_DEPTH: not evaluated, never an internal error. */
export class ExpressionTooDeep extends ExpressionSyntaxError {
  constructor() {
    super(`the expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep`);
  }
}

interface Token {
  readonly type: 'num' | 'str' | 'ident' | 'punct' | 'heredoc' | 'eof';
  readonly text: string;
  /** For `str`: the raw template text between the quotes. */
  readonly raw?: string;
}

const PUNCT = ['==', '!=', '<=', '>=', '&&', '||', '=>', '...', '?', ':', '(', ')', '[', ']', '{', '}', ',', '.', '+', '-', '*', '/', '%', '<', '>', '!', '='];

/**
 * Where a quoted string (its `"` at `at`) or an interpolation (its `{` at `at`) ends: the index
 * of its closing `"` or `}`, or -1. Strings nested in interpolations nested in strings are
 * followed with a stack, not by recursion, so no nesting overflows it.
 */
function closingOf(text: string, at: number): number {
  const open: ('"' | '{')[] = [text[at] === '"' ? '"' : '{'];
  for (let j = at + 1; j < text.length; j++) {
    const c = text[j];
    if (open[open.length - 1] === '"') {
      if (c === '\\') { j++; continue; }
      if ((c === '$' || c === '%') && text[j + 1] === c && text[j + 2] === '{') { j += 2; continue; }
      if ((c === '$' || c === '%') && text[j + 1] === '{') { open.push('{'); j++; continue; }
      if (c === '"') { open.pop(); if (open.length === 0) return j; }
      continue;
    }
    if (c === '#' || (c === '/' && text[j + 1] === '/')) {
      const end = text.indexOf('\n', j);
      if (end < 0) return -1;
      j = end;
      continue;
    }
    if (c === '/' && text[j + 1] === '*') {
      const end = text.indexOf('*/', j + 2);
      if (end < 0) return -1;
      j = end + 1;
      continue;
    }
    if (c === '"') {open.push('"');} else if (c === '{') {open.push('{');} else if (c === '}') { open.pop(); if (open.length === 0) return j; }
  }
  return -1;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '/' && text[i + 1] === '*') { const end = text.indexOf('*/', i + 2); i = end < 0 ? text.length : end + 2; continue; }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400))!;
      tokens.push({ type: 'num', text: m[0] }); i += m[0].length; continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*(::[A-Za-z_][A-Za-z0-9_-]*)*/.exec(text.slice(i, i + 1000))!;
      tokens.push({ type: 'ident', text: m[0] }); i += m[0].length; continue;
    }
    if (c === '"') {
      const j = closingOf(text, i);
      if (j < 0) throw new ExpressionSyntaxError('unterminated string');
      tokens.push({ type: 'str', text: text.slice(i, j + 1), raw: text.slice(i + 1, j) }); i = j + 1; continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const m = /^<<(-?)([A-Za-z_]+)\n/.exec(text.slice(i, i + 200));
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

function unescape(text: string): string {
  return text.replace(/\\(["\\nrt]|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/g, (_, e: string) =>
    e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : /^[uU]/.test(e) ? String.fromCodePoint(parseInt(e.slice(1), 16)) : e);
}

// How deep the parse is now, across templates inside expressions inside templates.
let depth = 0;

function enter(): void {
  if (++depth > MAX_EXPRESSION_DEPTH) throw new ExpressionTooDeep();
}

/** A parse from the top: the depth counted from zero and left at zero whatever happens, and the tree measured. */
function atTop(parse: () => Expr): Expr {
  try {
    const expr = parse();
    checkDepth(expr);
    return expr;
  } finally {
    depth = 0;
  }
}

type Directive = { readonly kind: 'if' | 'else' | 'endif' | 'endfor'; readonly text: string } | { readonly kind: 'for'; readonly text: string };

/**
 * A template (`"/subscriptions/${var.sub}"`, or an attribute hcl2json wrote as `${...}`) as
 * literal parts and expressions. `$${` and `%%{` are a literal `${` and `%{`; `%{ if }` and
 * `%{ for }` directives become nested templates; `~` strip markers remove the white space beside them.
 */
export function parseTemplate(text: string, escapes = false): Expr {
  return atTop(() => templateOf(text, escapes));
}

function templateOf(text: string, escapes: boolean): Expr {
  let pos = 0;
  // Whether the last sequence ended with `~`: the next literal loses its leading white space.
  let stripNext = false;

  /** Parts up to the end, or up to a directive in `until` (returned, not consumed beyond it). */
  function sequence(until: readonly string[]): { parts: (string | Expr)[]; end?: Directive } {
    enter();
    const parts: (string | Expr)[] = [];
    let literal = '';
    const flush = (stripEnd: boolean) => {
      let out = escapes ? unescape(literal) : literal;
      if (stripNext) out = out.replace(/^\s+/, '');
      if (stripEnd) out = out.replace(/\s+$/, '');
      if (out) parts.push(out);
      literal = '';
      stripNext = false;
    };
    while (pos < text.length) {
      const c = text[pos];
      if ((c === '$' || c === '%') && text[pos + 1] === c && text[pos + 2] === '{') { literal += `${c}{`; pos += 3; continue; }
      if ((c === '$' || c === '%') && text[pos + 1] === '{') {
        const end = closingOf(text, pos + 1);
        if (end < 0) throw new ExpressionSyntaxError(`unclosed ${c}{`);
        let inner = text.slice(pos + 2, end);
        const stripBefore = inner.startsWith('~');
        const stripAfter = inner.endsWith('~') && inner.length > 1;
        inner = inner.slice(stripBefore ? 1 : 0, stripAfter ? -1 : undefined);
        flush(stripBefore);
        pos = end + 1;
        stripNext = stripAfter;
        if (c === '$') {
          parts.push(expressionOf(inner));
          continue;
        }
        const directive = directiveOf(inner);
        if (until.includes(directive.kind)) {
          depth--;
          return { parts, end: directive };
        }
        if (directive.kind === 'if') parts.push(ifDirective(directive.text));
        else if (directive.kind === 'for') parts.push(forDirective(directive.text));
        else throw new ExpressionSyntaxError(`unexpected %{${directive.kind}}`);
        continue;
      }
      literal += c;
      pos++;
    }
    flush(false);
    depth--;
    return { parts };
  }

  function ifDirective(conditionText: string): Expr {
    const condition = expressionOf(conditionText);
    const then = sequence(['else', 'endif']);
    let otherwise: { parts: (string | Expr)[]; end?: Directive } = { parts: [] };
    if (then.end?.kind === 'else') otherwise = sequence(['endif']);
    else if (then.end === undefined) throw new ExpressionSyntaxError('%{if} without %{endif}');
    if (otherwise.end === undefined && then.end.kind === 'else') throw new ExpressionSyntaxError('%{if} without %{endif}');
    return { kind: 'templateIf', condition, then: joined(then.parts), otherwise: joined(otherwise.parts) };
  }

  function forDirective(header: string): Expr {
    const m = /^\s*for\s+([A-Za-z_][A-Za-z0-9_-]*)\s*(?:,\s*([A-Za-z_][A-Za-z0-9_-]*)\s*)?in\s([\s\S]*)$/.exec(header);
    if (!m) throw new ExpressionSyntaxError('expected %{for NAME in ...}');
    const collection = expressionOf(m[3]);
    const body = sequence(['endfor']);
    if (body.end === undefined) throw new ExpressionSyntaxError('%{for} without %{endfor}');
    return m[2] === undefined
      ? { kind: 'templateFor', valueVar: m[1], collection, body: joined(body.parts) }
      : { kind: 'templateFor', keyVar: m[1], valueVar: m[2], collection, body: joined(body.parts) };
  }

  const { parts, end } = sequence([]);
  if (end !== undefined) throw new ExpressionSyntaxError(`unexpected %{${end.kind}}`);
  if (parts.length === 1 && typeof parts[0] !== 'string' && parts[0].kind !== 'templateIf' && parts[0].kind !== 'templateFor') return parts[0];
  return joined(parts);
}

/** Parts as one template, or a literal when they are all text. */
function joined(parts: (string | Expr)[]): Expr {
  return parts.every((p) => typeof p === 'string') ? { kind: 'literal', value: parts.join('') } : { kind: 'template', parts };
}

function directiveOf(inner: string): Directive {
  const keyword = /^\s*([a-z]+)/.exec(inner)?.[1];
  switch (keyword) {
    case 'if': return { kind: 'if', text: inner.replace(/^\s*if\b/, '') };
    case 'for': return { kind: 'for', text: inner };
    case 'else': case 'endif': case 'endfor':
      if (inner.trim() !== keyword) throw new ExpressionSyntaxError(`unexpected text in %{${keyword}}`);
      return { kind: keyword, text: '' };
    default: throw new ExpressionSyntaxError(`unknown template directive %{${inner.trim().slice(0, 20)}}`);
  }
}

const PRECEDENCE: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

/** One expression, as written between `${` and `}`. */
export function parseExpression(text: string): Expr {
  return atTop(() => expressionOf(text));
}

function expressionOf(text: string): Expr {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const isPunct = (p: string) => peek().type === 'punct' && peek().text === p;
  const expect = (p: string) => {
    if (!isPunct(p)) throw new ExpressionSyntaxError(`expected ${p}, got ${peek().text || 'the end'}`);
    pos++;
  };

  function expression(): Expr {
    enter();
    const condition = binary(0);
    let result = condition;
    if (isPunct('?')) {
      pos++;
      const then = expression();
      expect(':');
      const otherwise = expression();
      result = { kind: 'conditional', condition, then, otherwise };
    }
    depth--;
    return result;
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
      enter();
      const operand = unary();
      depth--;
      return { kind: 'unary', op, operand };
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
    const t = next();
    switch (t.type) {
      case 'num': return { kind: 'literal', value: Number(t.text) };
      case 'str': return templateOf(t.raw!, true);
      case 'heredoc': return templateOf(t.raw!, false);
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

/**
 * Operator chains (`a + b + ...`) and step chains (`x[0][0]...`) are parsed in a loop, yet make a
 * tree as deep as they are long, which every later walk recurses through: the tree is measured
 * too, without recursion.
 */
function checkDepth(root: Expr): void {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, level]);
      continue;
    }
    const record = node as Record<string, unknown>;
    const isExpr = typeof record.kind === 'string';
    if (isExpr && level >= MAX_EXPRESSION_DEPTH) throw new ExpressionTooDeep();
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (child !== null && typeof child === 'object') stack.push([child, isExpr ? level + 1 : level]);
    }
  }
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
      // A call that reads its arguments' expressions as text reads no name of them, but counting them is the safe side.
      for (const key of Object.keys(record)) visit(record[key]);
    };
    visit(expr);
    names = found;
    NAMES_READ.set(expr, names);
  }
  return names;
}
