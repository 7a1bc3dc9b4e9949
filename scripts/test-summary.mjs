// Prints one closing line for the whole suite from the runners' JSON reports:
// "tests: N passed, N failed" (plus skipped), so CI logs end with a single verdict.
import { existsSync, readFileSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

for (const file of ['test-results/unit.json', 'infra/test-results/infra.json']) {
  const report = readJson(file);
  if (!report) continue;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}

// The main end-to-end run and the stream transport's (playwright.stream.config.ts).
for (const file of ['test-results/e2e.json', 'test-results/e2e-stream.json']) {
  const e2e = readJson(file);
  if (!e2e) continue;
  totals.passed += e2e.stats.expected + e2e.stats.flaky;
  totals.failed += e2e.stats.unexpected;
  totals.skipped += e2e.stats.skipped;
}

console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
