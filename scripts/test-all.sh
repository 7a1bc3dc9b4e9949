#!/usr/bin/env bash
# `npm test`: every check the project has, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf test-results infra/test-results
bash scripts/ensure-chromium.sh
echo "== lint and typecheck"
npx eslint .
npx tsc --noEmit
echo "== unit and component tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
echo "== infrastructure tests (CDK synth and assertions, offline: no AWS calls)"
(cd infra && npm install --no-audit --no-fund && npm test)
echo "== end-to-end tests (playwright, production build)"
npx playwright test
node scripts/test-summary.mjs
