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
  testResults: {
    name: string;
    message?: string;
    assertionResults: { status: string; fullName: string; failureMessages: string[] }[];
  }[];
}

// A CI log often keeps only its tail, so the summary names every failure again, with the first
// line of its message: enough to know which test to open without scrolling back a whole layer.
function failuresOf(result: VitestJson): string[] {
  const out: string[] = [];
  for (const file of result.testResults) {
    const where = path.relative(process.cwd(), file.name);
    const failed = file.assertionResults.filter((test) => test.status === 'failed');
    for (const test of failed) {
      out.push(`  ${where} > ${test.fullName}\n    ${firstLine(test.failureMessages[0])}`);
    }
    // A file that failed outside any test (a hook, an import) has a message and no failed test.
    if (failed.length === 0 && file.message) out.push(`  ${where}\n    ${firstLine(file.message)}`);
  }
  return out;
}

function firstLine(message: string | undefined): string {
  const line = (message ?? '').split('\n').find((text) => text.trim() !== '') ?? '(no message)';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-test-reports-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];
const failures: string[] = [];
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
  failures.push(...failuresOf(result));
}
fs.rmSync(reportDir, { recursive: true, force: true });

if (failures.length > 0) console.log(`\nfailed:\n${failures.join('\n')}`);
console.log(`\n${lines.join('\n')}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
