#!/usr/bin/env bash
# `npm test`: every check the project has. Every stage runs even when an earlier one fails, so one
# run shows every failure; the suite ends with the runners' summary and fails if any stage failed.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf test-results infra/test-results
bash scripts/ensure-debian-packages.sh || exit 1

failed=()
stage() {
  local name=$1
  shift
  echo "== $name"
  "$@" || failed+=("$name")
}

stage "lint" npx eslint .
stage "typecheck" npx tsc --noEmit
stage "unit and component tests (vitest)" \
  npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
stage "infrastructure tests (CDK synth and assertions, offline: no AWS calls)" \
  bash -c 'cd infra && npm install --no-audit --no-fund && npm test'
stage "end-to-end tests (playwright, production build)" npx playwright test
stage "end-to-end tests of the stream transport (the same build with CLICKSTREAM_SINK=kinesis)" \
  npx playwright test -c playwright.stream.config.ts

node scripts/test-summary.mjs || true
if ((${#failed[@]})); then
  printf 'failed stage: %s\n' "${failed[@]}"
  exit 1
fi
