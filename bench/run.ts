/**
 * `npm run bench`: time and memory of what users pay for, printed as markdown tables.
 * Never part of `npm test` (timings on a shared machine are not assertions).
 */
import { cpus } from 'os';
import { auditScale } from './audit-scale';
import { chainScale } from './chain-scale';
import { escalationBench } from './escalation';
import { importCost } from './import-cost';
import { moduleScale } from './module-scale';
import { reviewScale } from './review-scale';
import { synthScale } from './synth-scale';
import { tenantEntra } from './tenant-entra';
import { tenantScale } from './tenant-scale';

const benchmarks: Record<string, () => string[]> = {
  'import-cost': importCost,
  'synth-scale': synthScale,
  'review-scale': reviewScale,
  'module-scale': moduleScale,
  'escalation': escalationBench,
  'audit-scale': auditScale,
  'chain-scale': chainScale,
  'tenant-scale': tenantScale,
  'tenant-entra': tenantEntra,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benchmarks));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; available: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
console.log(`# cdktf-azure-access benchmarks (node ${process.version}, ${cpus().length} cores)\n`);
for (const name of wanted.length ? wanted : Object.keys(benchmarks)) {
  console.log(benchmarks[name]().join('\n'));
}
