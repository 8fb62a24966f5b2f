import { evaluate } from '../../../src/review/reader/values/evaluate-expression';
import { parseExpression } from '../../../src/review/reader/values/expression-parser';
import { Reference, Unknown, Value } from '../../../src/review/reader/values/value';

/**
 * Terraform's pure functions, one table each. The examples are the inputs and outputs Terraform's
 * function documentation gives (developer.hashicorp.com/terraform/language/functions/<name>);
 * where a page gives none (indent, templatestring), the example follows the page's description.
 * An example the documentation shows failing is checked to fail: `try(<example>, "failed")`.
 */
const scope = (locals: Record<string, Value> = {}) => ({
  variable: () => undefined,
  local: (name: string) => (Object.hasOwn(locals, name) ? locals[name] : new Unknown(`local.${name}`)),
  names: new Map<string, Value>(),
  modulePrefix: '',
});
const value = (text: string, locals?: Record<string, Value>) => evaluate(parseExpression(text), scope(locals));

function table(name: string, examples: [string, Value][]): void {
  describe(name, () => {
    test.each(examples)('%s', (text, expected) => {
      expect(value(text)).toEqual(expected);
    });
  });
}

describe('string functions', () => {
  table('chomp', [['chomp("hello\\n")', 'hello'], ['chomp("hello\\r\\n")', 'hello'], ['chomp("hello\\n\\n")', 'hello']]);
  table('endswith', [['endswith("hello world", "world")', true], ['endswith("hello world", "hello")', false]]);
  table('startswith', [['startswith("hello world", "hello")', true], ['startswith("hello world", "world")', false]]);
  table('strcontains', [['strcontains("hello world", "wor")', true], ['strcontains("hello world", "wod")', false]]);
  table('format', [
    ['format("Hello, %s!", "Ander")', 'Hello, Ander!'],
    ['format("There are %d lights", 4)', 'There are 4 lights'],
    ['format("%[1]s%[2]s%[1]s%[3]s", "/", "path", "file.tf")', '/path/file.tf'],
    ['format("%#v", "hello")', '"hello"'],
    ['format("%#v", true)', 'true'],
    ['format("%#v", 1)', '1'],
    ['format("%#v", {a = 1})', '{"a":1}'],
    ['format("%#v", [true])', '[true]'],
    ['format("%#v", null)', 'null'],
    // The specification table: width and precision.
    ['format("%9.2f|%-4d|%04d|%x|%X|%o|%b|%e|%q|%t|%5s|%.2s|%%", 3.14159, 7, 7, 255, 255, 8, 5, 1234.5678, "a\\"b", true, "ab", "xyz")',
      '     3.14|7   |0007|ff|FF|10|101|1.234568e+03|"a\\"b"|true|   ab|xy|%'],
    ['try(format("%s %s", "only one"), "failed")', 'failed'],
    ['try(format("%s", "a", "b"), "failed")', 'failed'],
  ]);
  table('formatlist', [
    ['formatlist("Hello, %s!", ["Valentina", "Ander", "Olivia", "Sam"])', ['Hello, Valentina!', 'Hello, Ander!', 'Hello, Olivia!', 'Hello, Sam!']],
    ['formatlist("%s, %s!", "Salutations", ["Valentina", "Ander", "Olivia", "Sam"])',
      ['Salutations, Valentina!', 'Salutations, Ander!', 'Salutations, Olivia!', 'Salutations, Sam!']],
  ]);
  table('indent', [['indent(2, "[\\n  foo,\\n  bar,\\n]\\n")', '[\n    foo,\n    bar,\n  ]\n  ']]);
  table('join', [['join("-", ["foo", "bar", "baz"])', 'foo-bar-baz'], ['join(", ", ["foo", "bar", "baz"])', 'foo, bar, baz'], ['join(", ", ["foo"])', 'foo']]);
  table('lower', [['lower("HELLO")', 'hello'], ['lower("ΓΕΙΑ ΣΟΥ")', 'γεια σου']]);
  table('upper', [['upper("hello")', 'HELLO'], ['upper("алло!")', 'АЛЛО!']]);
  table('title', [['title("hello world")', 'Hello World']]);
  table('trim', [['trim("?!hello?!", "!?")', 'hello'], ['trim("foobar", "far")', 'oob'], ['trim("   hello! world.!  ", "! ")', 'hello! world.']]);
  table('trimprefix', [['trimprefix("helloworld", "hello")', 'world'], ['trimprefix("helloworld", "cat")', 'helloworld'], ['trimprefix("--hello", "-")', '-hello']]);
  table('trimsuffix', [['trimsuffix("helloworld", "world")', 'hello'], ['trimsuffix("helloworld", "cat")', 'helloworld'], ['trimsuffix("hello--", "-")', 'hello-']]);
  table('trimspace', [['trimspace("  hello\\n\\n")', 'hello']]);
  table('replace', [['replace("1 + 2 + 3", "+", "-")', '1 - 2 - 3'], ['replace("hello world", "/w.*d/", "everybody")', 'hello everybody']]);
  table('substr', [
    ['substr("hello world", 1, 4)', 'ello'], ['substr("🤔🤷", 0, 1)', '🤔'], ['substr("hello world", -5, -1)', 'world'], ['substr("hello world", 6, 10)', 'world'],
  ]);
  table('regex', [
    ['regex("[a-z]+", "53453453.345345aaabbbccc23454")', 'aaabbbccc'],
    ['regex("(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)", "2019-02-01")', ['2019', '02', '01']],
    ['regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")', { authority: 'terraform.io', scheme: 'https' }],
    ['try(regex("[a-z]+", "53453453.34534523454"), "failed")', 'failed'],
  ]);
  table('regexall', [
    ['regexall("[a-z]+", "1234abcd5678efgh9")', ['abcd', 'efgh']],
    ['length(regexall("[a-z]+", "1234abcd5678efgh9"))', 2],
    ['length(regexall("[a-z]+", "123456789")) > 0', false],
  ]);
  table('strrev', [['strrev("hello")', 'olleh'], ['strrev("a ☃")', '☃ a']]);
  table('split', [['split(",", "foo,bar,baz")', ['foo', 'bar', 'baz']], ['split(",", "foo")', ['foo']], ['split(",", "")', ['']]]);
});

describe('collection functions', () => {
  table('alltrue', [['alltrue(["true", true])', true], ['alltrue([true, false])', false]]);
  table('anytrue', [['anytrue(["true"])', true], ['anytrue([true])', true], ['anytrue([true, false])', true], ['anytrue([])', false]]);
  table('chunklist', [
    ['chunklist(["a", "b", "c", "d", "e"], 2)', [['a', 'b'], ['c', 'd'], ['e']]],
    ['chunklist(["a", "b", "c", "d", "e"], 1)', [['a'], ['b'], ['c'], ['d'], ['e']]],
  ]);
  table('coalesce', [
    ['coalesce("a", "b")', 'a'], ['coalesce("", "b")', 'b'], ['coalesce(1,2)', 1], ['coalesce(["", "b"]...)', 'b'],
    ['coalesce(1, "hello")', '1'], ['coalesce(true, "hello")', 'true'],
  ]);
  table('coalescelist', [
    ['coalescelist(["a", "b"], ["c", "d"])', ['a', 'b']], ['coalescelist([], ["c", "d"])', ['c', 'd']], ['coalescelist([[], ["c", "d"]]...)', ['c', 'd']],
  ]);
  table('compact', [['compact(["a", "", "b", null, "c"])', ['a', 'b', 'c']]]);
  table('concat', [['concat(["a", ""], ["b", "c"])', ['a', '', 'b', 'c']], ['concat([], [1, "a"], [[3], "c"])', [1, 'a', [3], 'c']]]);
  table('contains', [['contains(["a", "b", "c"], "a")', true], ['contains(["a", "b", "c"], "d")', false]]);
  table('distinct', [['distinct(["a", "b", "a", "c", "d", "b"])', ['a', 'b', 'c', 'd']]]);
  table('element', [['element(["a", "b", "c"], 1)', 'b'], ['element(["a", "b", "c"], 3)', 'a'], ['element(["a", "b", "c"], -1)', 'c']]);
  table('flatten', [['flatten([["a", "b"], [], ["c"]])', ['a', 'b', 'c']], ['flatten([[["a", "b"], []], ["c"]])', ['a', 'b', 'c']]]);
  table('index', [['index(["a", "b", "c"], "b")', 1], ['index(["one", "two", "two"], "two")', 1]]);
  table('keys', [['keys({a=1, c=2, d=3})', ['a', 'c', 'd']]]);
  table('length', [['length([])', 0], ['length(["a", "b"])', 2], ['length({"a" = "b"})', 1], ['length("hello")', 5], ['length("👾🕹️")', 2]]);
  table('lookup', [['lookup({a="ay", b="bee"}, "a", "what?")', 'ay'], ['lookup({a="ay", b="bee"}, "c", "what?")', 'what?']]);
  table('matchkeys', [['matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])', ['i-abc', 'i-def']]]);
  table('merge', [
    ['merge({a="b", c="d"}, {e="f", c="z"})', { a: 'b', c: 'z', e: 'f' }],
    ['merge({a="b"}, {a=[1,2], c="z"}, {d=3})', { a: [1, 2], c: 'z', d: 3 }],
    ['merge([{a="b", c="d"}, {}, {e="f", c="z"}]...)', { a: 'b', c: 'z', e: 'f' }],
  ]);
  table('one', [['one([])', null], ['one(["hello"])', 'hello'], ['try(one(["hello", "goodbye"]), "failed")', 'failed'],
    ['one(toset([]))', null], ['one(toset(["hello"]))', 'hello'], ['try(one(toset(["hello","goodbye"])), "failed")', 'failed']]);
  table('range', [
    ['range(3)', [0, 1, 2]], ['range(1, 4)', [1, 2, 3]], ['range(1, 8, 2)', [1, 3, 5, 7]], ['range(1, 4, 0.5)', [1, 1.5, 2, 2.5, 3, 3.5]],
    ['range(4, 1)', [4, 3, 2]], ['range(10, 5, -2)', [10, 8, 6]],
    // "an artificial limit of 1024 numbers in the resulting sequence"
    ['length(range(1024))', 1024], ['try(range(1025), "failed")', 'failed'],
  ]);
  table('reverse', [['reverse([1, 2, 3])', [3, 2, 1]]]);
  table('setintersection', [
    ['setintersection(["a", "b"], ["b", "c"], ["b", "d"])', ['b']],
    ['setintersection([3,3.3,4], [4,3.3,65,99], [4.0,3.3])', [3.3, 4]],
    ['setintersection(["bob","jane",3], ["jane",3,"ajax",10], ["3","jane",26,"nomad"])', ['3', 'jane']],
  ]);
  table('setproduct', [
    ['setproduct(["development", "staging", "production"], [])', []],
    ['setproduct(["a"], ["b"])', [['a', 'b']]],
    ['setproduct(["staging", "production"], ["a", 2])', [['staging', 'a'], ['staging', '2'], ['production', 'a'], ['production', '2']]],
  ]);
  table('setsubtract', [['setsubtract(["a", "b", "c"], ["a", "c"])', ['b']],
    ['setunion(setsubtract(["a", "b", "c"], ["a", "c", "d"]), setsubtract(["a", "c", "d"], ["a", "b", "c"]))', ['b', 'd']]]);
  // The set's elements, in the order Terraform gives a set of strings (by their bytes).
  table('setunion', [['setunion(["a", "b"], ["b", "c"], ["d"])', ['a', 'b', 'c', 'd']]]);
  table('slice', [['slice(["a", "b", "c", "d"], 1, 3)', ['b', 'c']]]);
  table('sort', [['sort(["e", "d", "a", "x"])', ['a', 'd', 'e', 'x']]]);
  table('sum', [['sum([10, 13, 6, 4.5])', 33.5]]);
  table('transpose', [['transpose({"a" = ["1", "2"], "b" = ["2", "3"]})', { 1: ['a'], 2: ['a', 'b'], 3: ['b'] }]]);
  table('values', [['values({a=3, c=2, d=1})', [3, 2, 1]]]);
  table('zipmap', [['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }]]);
});

describe('numeric functions', () => {
  table('abs', [['abs(23)', 23], ['abs(0)', 0], ['abs(-12.4)', 12.4]]);
  table('ceil', [['ceil(5)', 5], ['ceil(5.1)', 6]]);
  table('floor', [['floor(5)', 5], ['floor(4.9)', 4]]);
  table('log', [['log(50, 10)', 1.6989700043360185], ['log(16, 2)', 4], ['ceil(log(15, 2))', 4], ['ceil(log(16, 2))', 4], ['ceil(log(17, 2))', 5]]);
  table('max', [['max(12, 54, 3)', 54], ['max([12, 54, 3]...)', 54]]);
  table('min', [['min(12, 54, 3)', 3], ['min([12, 54, 3]...)', 3]]);
  table('parseint', [
    ['parseint("100", 10)', 100], ['parseint("FF", 16)', 255], ['parseint("-10", 16)', -16], ['parseint("1011111011101111", 2)', 48879],
    ['parseint("aA", 62)', 656], ['try(parseint("12", 2), "failed")', 'failed'],
  ]);
  table('pow', [['pow(3, 2)', 9], ['pow(4, 0)', 1]]);
  table('signum', [['signum(-13)', -1], ['signum(0)', 0], ['signum(344)', 1]]);
});

describe('encoding functions', () => {
  table('base64encode', [['base64encode("Hello World")', 'SGVsbG8gV29ybGQ=']]);
  table('base64decode', [['base64decode("SGVsbG8gV29ybGQ=")', 'Hello World']]);
  table('jsonencode', [['jsonencode({"hello"="world"})', '{"hello":"world"}']]);
  table('jsondecode', [['jsondecode("{\\"hello\\": \\"world\\"}")', { hello: 'world' }], ['jsondecode("true")', true]]);
  table('urlencode', [
    ['urlencode("Hello World!")', 'Hello+World%21'], ['urlencode("☃")', '%E2%98%83'],
    ['"http://example.com/search?q=${urlencode("terraform urlencode")}"', 'http://example.com/search?q=terraform+urlencode'],
  ]);
  table('csvdecode', [['csvdecode("a,b,c\\n1,2,3\\n4,5,6")', [{ a: '1', b: '2', c: '3' }, { a: '4', b: '5', c: '6' }]]]);
});

describe('type conversion functions', () => {
  table('tobool', [['tobool(true)', true], ['tobool("true")', true], ['tobool(null)', null], ['try(tobool("no"), "failed")', 'failed'], ['try(tobool(1), "failed")', 'failed']]);
  table('tolist', [['tolist(["a", "b", "c"])', ['a', 'b', 'c']], ['tolist(["a", "b", 3])', ['a', 'b', '3']]]);
  table('tomap', [['tomap({"a" = 1, "b" = 2})', { a: 1, b: 2 }], ['tomap({"a" = "foo", "b" = true})', { a: 'foo', b: 'true' }]]);
  table('tonumber', [['tonumber(1)', 1], ['tonumber("1")', 1], ['tonumber(null)', null], ['try(tonumber("no"), "failed")', 'failed']]);
  table('toset', [['toset(["a", "b", "c"])', ['a', 'b', 'c']], ['toset(["a", "b", 3])', ['3', 'a', 'b']], ['toset(["c", "b", "b"])', ['b', 'c']]]);
  table('tostring', [['tostring("hello")', 'hello'], ['tostring(1)', '1'], ['tostring(true)', 'true'], ['tostring(null)', null], ['try(tostring([]), "failed")', 'failed']]);

  describe('can and try', () => {
    const foo = { foo: { bar: 'baz' } };
    test.each<[string, Value]>([
      ['can(local.foo.bar)', true], ['can(local.foo.boop)', false],
      ['try(local.foo.bar, "fallback")', 'baz'], ['try(local.foo.boop, "fallback")', 'fallback'],
    ])('%s', (text, expected) => {
      expect(value(text, foo)).toEqual(expected);
    });
  });
});

describe('IP network functions', () => {
  table('cidrhost', [
    ['cidrhost("10.12.112.0/20", 16)', '10.12.112.16'], ['cidrhost("10.12.112.0/20", 268)', '10.12.113.12'],
    ['cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)', 'fd00:fd12:3456:7890::22'],
  ]);
  table('cidrnetmask', [['cidrnetmask("172.16.0.0/12")', '255.240.0.0']]);
  table('cidrsubnet', [
    ['cidrsubnet("172.16.0.0/12", 4, 2)', '172.18.0.0/16'], ['cidrsubnet("10.1.2.0/24", 4, 15)', '10.1.2.240/28'],
    ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', 'fd00:fd12:3456:7800:a200::/72'],
  ]);
  table('cidrsubnets', [
    ['cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)', ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20']],
    ['cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)',
      ['fd00:fd12:3456:7800::/72', 'fd00:fd12:3456:7800:100::/72', 'fd00:fd12:3456:7800:200::/72', 'fd00:fd12:3456:7800:300::/88']],
    ['[for cidr_block in cidrsubnets("10.0.0.0/8", 8, 8, 8, 8) : cidrsubnets(cidr_block, 4, 4)]',
      [['10.0.0.0/20', '10.0.16.0/20'], ['10.1.0.0/20', '10.1.16.0/20'], ['10.2.0.0/20', '10.2.16.0/20'], ['10.3.0.0/20', '10.3.16.0/20']]],
  ]);
});

describe('templatestring', () => {
  test('renders a template held in a value with the variables given, directives included', () => {
    const locals = { template: 'Hello, ${name}!%{ if admin } (admin)%{ endif }' };
    expect(value('templatestring(local.template, { name = "Ander", admin = true })', locals)).toBe('Hello, Ander! (admin)');
  });

  test('a template that is not known yet renders to unknown', () => {
    expect(value('templatestring(data.aws_s3_object.example.body, { name = "x" })')).toBeInstanceOf(Unknown);
  });
});

describe('Go regular expression syntax, as Terraform reads it', () => {
  test.each<[string, Value]>([
    // \s is ASCII white space in Go (no vertical tab); `.` matches a carriage return.
    ['regexall("\\\\s", "a b\\tc\\u000bd")', [' ', '\t']],
    ['regex("a.b", "a\\rb")', 'a\rb'],
    // \A, \z, (?i) for the whole pattern, (?s) for a group, POSIX classes, \Q...\E, octal and \x{...} escapes.
    ['regex("\\\\A[[:alpha:]]+\\\\z", "Terraform")', 'Terraform'],
    ['regex("(?i)reader", "READER")', 'READER'],
    ['regex("a(?s:.)b", "a\\nb")', 'a\nb'],
    ['regex("\\\\Q1+1\\\\E", "x1+1")', '1+1'],
    ['regex("\\\\101\\\\x{42}", "AB")', 'AB'],
    // (?m): ^ and $ at line breaks.
    ['regexall("(?m)^\\\\w+$", "one\\ntwo")', ['one', 'two']],
    // An empty match right after a match is skipped, as Go's FindAll skips it.
    ['regexall("a*", "baaac")', ['', 'aaa', '']],
    ['replace("a-b-c", "/(\\\\w)-/", "$1+")', 'a+b+c'],
  ])('%s', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  test('what RE2 refuses is an error, as in Terraform (try takes its fallback)', () => {
    expect(value('try(regex("a(?=b)", "ab"), "refused")')).toBe('refused');
    expect(value('try(regex("(a)\\\\1", "aa"), "refused")')).toBe('refused');
    expect(value('can(regex("a{1001}", "a"))')).toBe(false);
  });

  test('what JavaScript cannot say is not evaluated: unknown, and the pattern named, never a guess', () => {
    const partlyCaseless = value('regex("a(?i:b)", "aB")') as Unknown;
    expect(partlyCaseless).toBeInstanceOf(Unknown);
    expect(partlyCaseless.notEvaluated).toMatch(/regular expression "a\(\?i:b\)" uses a case-insensitive flag for part of the pattern/);
    // try() does not take its fallback: Terraform may well succeed.
    expect(value('try(regex("(?U)a+", "aa"), "fallback")')).toBeInstanceOf(Unknown);
  });
});

describe('functions never evaluated', () => {
  test.each([
    ['timestamp()', 'timestamp() has a value only when Terraform applies'],
    ['uuid()', 'uuid() has a value only when Terraform applies'],
    ['bcrypt("x")', 'bcrypt() has a value only when Terraform applies'],
    ['file("${path.module}/policy.json")', 'file() reads files, which this review does not'],
    ['yamldecode("a: 1")', 'yamldecode() is not evaluated by this review'],
  ])('%s is unknown, and says why', (text, reason) => {
    expect(value(text)).toEqual(new Unknown(`${text.slice(0, text.indexOf('('))}(...)`, reason));
  });

  test('a function of an unknown keeps why the unknown was not evaluated', () => {
    expect(value('lower(formatdate("YYYY", timestamp()))')).toEqual(new Unknown('lower(...)', 'timestamp() has a value only when Terraform applies'));
  });

  test('a resource attribute written with format() stays the attribute, as a template keeps it', () => {
    expect(value('format("%s/providers/Microsoft.Authorization/roleDefinitions/%s", data.azurerm_subscription.this.id, "acdd72a7")'))
      .toBe('${data.azurerm_subscription.this.id}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7');
    expect(value('element([azurerm_storage_account.a.id], 0)')).toEqual(new Reference('azurerm_storage_account.a.id'));
  });
});
