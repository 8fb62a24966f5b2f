import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { renderRuleTable } from '../src/policy/rule-table';

/**
 * Writes the rule registry's table into the README (`npm run docs:rules`), in place of the
 * table there; test/policy/rule-registry.test.ts fails while the two differ.
 */
const readme = path.join(__dirname, '..', 'README.md');
const text = readFileSync(readme, 'utf8');
const start = text.indexOf('| rule | severity | catches | fix | suppress |');
if (start < 0) throw new Error('README.md has no rule table (a line starting "| rule | severity | catches | fix | suppress |").');
const end = text.indexOf('\n\n', start);
writeFileSync(readme, text.slice(0, start) + renderRuleTable() + text.slice(end + 1));
