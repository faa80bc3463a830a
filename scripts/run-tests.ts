// `npm test` after the static checks: each test layer in turn (unit, integration, e2e), then one
// plain summary line for all of them, so a person or a CI log sees the totals at the end.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LAYERS = ['unit', 'integration', 'e2e'] as const;
// Integration tests spend most of their time waiting (sandbox clocks, child processes, polls),
// so three files at once on two cores more than halves the layer's wall time; each file has its
// own sandbox, ports and databases. The e2e layer shares one app and runs its files in turn.
const LAYER_ARGS: Record<(typeof LAYERS)[number], string[]> = {
  unit: [],
  integration: ['--maxWorkers=3'],
  e2e: [],
};
const VITEST = path.resolve(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-test-reports-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];
let exitCode = 0;

for (const layer of LAYERS) {
  const report = path.join(reportDir, `${layer}.json`);
  const run = spawnSync(
    process.execPath,
    [
      VITEST,
      'run',
      '--project',
      layer,
      ...LAYER_ARGS[layer],
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) exitCode = run.status ?? 1;
  if (!fs.existsSync(report)) {
    lines.push(`${layer}: no report (vitest exited with ${run.status})`);
    totals.failed += 1;
    continue;
  }
  const result = JSON.parse(fs.readFileSync(report, 'utf8')) as VitestJson;
  const skipped = result.numPendingTests + result.numTodoTests;
  totals.passed += result.numPassedTests;
  totals.failed += result.numFailedTests;
  totals.skipped += skipped;
  lines.push(
    `${layer}: ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${skipped} skipped`,
  );
}
fs.rmSync(reportDir, { recursive: true, force: true });

console.log(`\n${lines.join('\n')}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
