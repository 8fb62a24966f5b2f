import { makeCase } from '../../scripts/fuzz/cases';
import { isInternalError, judge } from '../../scripts/fuzz/judge';
import { mutate } from '../../scripts/fuzz/mutate';
import { Random } from '../../scripts/fuzz/random';

// The harness is a script (.ci/run runs it); what it decides is tested here, so a run that says
// "0 crashes" means the cases were made and judged as its README says.
describe('the fuzz harness', () => {
  test('a case is made from the seed and its number alone: the same twice, another for another number', () => {
    const a = makeCase(20261206, 42);
    expect(makeCase(20261206, 42)).toEqual(a);
    expect(makeCase(20261206, 43)).not.toEqual(a);
    expect(a.files.length).toBeGreaterThan(0);
    expect(a.argv.length).toBeGreaterThan(1);
  });

  test('mutants differ from their seed, and most cases are not the seed unchanged', () => {
    const seed = '{"resource":{"azurerm_role_assignment":{"a":{"scope":"/subscriptions/x","role_definition_name":"Owner","principal_id":"p"}}}}';
    const mutants = Array.from({ length: 200 }, (_, i) => mutate(seed, new Random(i), 'resource "x" "y" {}'));
    expect(mutants.filter((m) => m !== seed).length).toBeGreaterThan(190);
    // Both kinds of change are made: some mutants are still JSON (a value or key changed), some are not.
    const stillJson = mutants.filter((m) => {
      try {
        JSON.parse(m);
        return true;
      } catch {
        return false;
      }
    });
    expect(stillJson.length).toBeGreaterThan(20);
    expect(stillJson.length).toBeLessThan(190);
  });

  test('an answer is exit 0, 1 or 2, the same twice, with no internal error; anything else is a failure of its kind', () => {
    const fuzzCase = makeCase(1, 0);
    const outcome = { index: 0, codes: [2, 2], sameTwice: true };
    expect(judge(fuzzCase, outcome)).toBeUndefined();
    expect(judge(fuzzCase, { ...outcome, codes: [134, 134] })?.kind).toBe('crash');
    expect(judge(fuzzCase, { ...outcome, thrown: 'TypeError' })?.kind).toBe('crash');
    expect(judge(fuzzCase, { ...outcome, internalError: 'azure-access check: internal error: x' })?.kind).toBe('internal error');
    expect(judge(fuzzCase, { ...outcome, sameTwice: false })?.kind).toBe('non-deterministic');
  });

  test('a JavaScript fault passed off as an input error counts as internal', () => {
    expect(isInternalError('azure-access check: main.tf: cannot be read: Cannot read properties of undefined (reading \'x\')')).toBe(true);
    expect(isInternalError('azure-access check: main.tf: cannot be read: Maximum call stack size exceeded')).toBe(true);
    expect(isInternalError('azure-access check: main.tf: line 2, column 3: Unterminated string literal')).toBe(false);
  });
});
