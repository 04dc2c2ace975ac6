#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs the unit tests, starts the real
# Kafka, schema registry and Redis, then runs the integration tests against them (ClickHouse
# is embedded). Ends with one line "N passed, N failed" and exits non-zero on any failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"

RESULTS="$STAYSTREAM_RUN_DIR/test-results"

main() {
  ensure_node
  ensure_deps
  ensure_build
  rm -rf "$RESULTS" && mkdir -p "$RESULTS"

  local failed=0
  log "unit tests"
  run_jest unit "$STAYSTREAM_ROOT/scripts/jest.unit.config.js" || failed=1

  log "starting the infrastructure for the integration tests"
  bash "$STAYSTREAM_ROOT/scripts/infra.sh" up
  rm -rf "$STAYSTREAM_RUN_DIR/test-clickhouse"
  log "integration tests"
  run_jest integration "$STAYSTREAM_ROOT/scripts/jest.integration.config.js" || failed=1

  log "Kafka, the registry and Redis keep running for the next run; bash scripts/infra.sh down stops them"
  summarize
  return $failed
}

run_jest() {
  local name=$1 config=$2
  # Jest loads ES-module-only dependencies (any-ascii) through Node's VM modules.
  (cd "$STAYSTREAM_ROOT" &&
    NODE_OPTIONS="$NODE_OPTIONS --experimental-vm-modules --disable-warning=ExperimentalWarning" \
      npx jest -c "$config" --json --outputFile="$RESULTS/$name.json")
}

# Adds up the jest result files into the closing line.
summarize() {
  node -e '
    const fs = require("fs");
    const dir = process.argv[1];
    let passed = 0, failed = 0;
    for (const file of fs.readdirSync(dir)) {
      const r = JSON.parse(fs.readFileSync(`${dir}/${file}`, "utf8"));
      passed += r.numPassedTests;
      failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
    }
    console.log(`${passed} passed, ${failed} failed`);
  ' "$RESULTS"
}

main "$@"
