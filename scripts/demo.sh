#!/usr/bin/env bash
# The main job: install, start the infrastructure and the services, import the bundled hotel
# bookings, wait until everything is loaded, print the analytics report and the throughput of
# each stage, and reconcile. Exits 0 only when every accepted event is accounted for.
#
#   bash scripts/demo.sh            # fresh run in the "demo" namespace (its old data is reset)
#   DEMO_KEEP=1 bash scripts/demo.sh  # keep the services running afterwards
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
source "$STAYSTREAM_ROOT/scripts/lib/services.sh"
source "$STAYSTREAM_ROOT/scripts/lib/metrics.sh"

export TOPIC_PREFIX="${TOPIC_PREFIX:-demo}"
export CLICKHOUSE_DATABASE="${CLICKHOUSE_DATABASE:-staystream_demo}"
DATA_FILE="${DATA_FILE:-$STAYSTREAM_ROOT/data/hotel_bookings/hotel_bookings.csv.gz}"
REVIEWS_DIR="$STAYSTREAM_ROOT/data/hotel_reviews"
LOAD_DEADLINE_S="${LOAD_DEADLINE_S:-900}"

staystream() { node "$STAYSTREAM_ROOT/services/cli/dist/main.js" "$@"; }
now_ms() { date +%s%3N; }
cleanup() { [ -n "${DEMO_KEEP:-}" ] || stop_services; }

main() {
  local t_start t_infra t_import t_enriched t_loaded
  t_start=$(now_ms)
  ensure_node
  ensure_deps
  ensure_build

  bash "$STAYSTREAM_ROOT/scripts/infra.sh" up
  t_infra=$(now_ms)
  log "infrastructure ready in $(( (t_infra - t_start) / 1000 )) s (install and build included)"

  stop_services
  staystream reset --yes
  trap cleanup EXIT
  start_services

  # The review sample's hotels as properties (name, city, country, coordinates, time zone),
  # then the reviews as feedback; a review of a hotel with no property is rejected with a reason.
  log "importing the hotel review sample: properties, then reviews"
  # The collector takes HTTP posts from known sources only: the demo registers itself as one.
  COLLECTOR_API_KEY=$(staystream sources add demo-loader --properties '*' --json |
    node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).apiKey)')
  export COLLECTOR_API_KEY
  staystream properties import "$REVIEWS_DIR/hotel_reviews_515k_one_row_per_hotel.csv.gz"
  staystream import --adapter booking-reviews --no-progress \
    --properties "$REVIEWS_DIR/hotel_reviews_515k_one_row_per_hotel.csv.gz" \
    "$REVIEWS_DIR/hotel_reviews_515k_random10k_slim.csv.gz"

  log "importing $(basename "$DATA_FILE")"
  snapshot_metrics before-bookings
  local t0; t0=$(now_ms)
  # The bookings carry no guest identity: seeded synthetic guests exercise identity resolution.
  staystream import --json --synthetic-guests "${DEMO_SEED:-2026}" --truth-out "$STAYSTREAM_RUN_DIR/demo-truth.csv" \
    "$DATA_FILE" >"$STAYSTREAM_RUN_DIR/demo-import.json"
  t_import=$(now_ms)
  snapshot_metrics bookings-published
  print_import_summary

  wait_for_group staystream-enricher t_enriched
  snapshot_metrics bookings-enriched
  wait_for_group staystream-sink t_loaded
  snapshot_metrics bookings-loaded

  staystream rollups refresh
  staystream report
  echo
  echo "== KPI: cancellation rate by country and month, 2016 (staystream report cancellation_rate --by country --grain month)"
  staystream report cancellation_rate --by country --grain month --from 2016-01-01 --to 2016-12-31
  echo
  echo "== KPI: review score of the hotels within 1 km of the Eiffel Tower, 2017 (--near 48.8584,2.2945 --radius-km 1)"
  staystream report review_score --by property --grain month --from 2017-06-01 --to 2017-08-31 --near 48.8584,2.2945 --radius-km 1

  echo
  echo "== Identity resolution against the synthetic guests' truth"
  staystream identity score --truth "$STAYSTREAM_RUN_DIR/demo-truth.csv"
  print_grades
  print_throughput "$t0" "$t_import" "$t_enriched" "$t_loaded"
  print_metrics_snapshots

  echo
  echo "== Reconciliation"
  staystream reconcile
  log "demo finished in $(( ($(now_ms) - t_start) / 1000 )) s"
  [ -z "${DEMO_KEEP:-}" ] || print_keep_hint
}

# With DEMO_KEEP the services go on running in the demo's namespace: say how to reach them.
print_keep_hint() {
  echo
  echo "== The services keep running (DEMO_KEEP). In your shell:"
  echo "   source scripts/lib/env.sh && ensure_node"
  echo "   export TOPIC_PREFIX=$TOPIC_PREFIX CLICKHOUSE_DATABASE=$CLICKHOUSE_DATABASE COLLECTOR_API_KEY=$COLLECTOR_API_KEY"
  echo "   npx staystream status          # then query, report, grades, customers show ..."
  echo "   bash scripts/services.sh stop && bash scripts/infra.sh down   # when done"
}

# Waits until a consumer group has no lag left; stores the time in the named variable.
wait_for_group() {
  local group=$1 var=$2 deadline=$((SECONDS + LOAD_DEADLINE_S)) lag
  while :; do
    lag=$(staystream status --json --lag-only | node -e '
      const s = JSON.parse(require("fs").readFileSync(0, "utf8"));
      const g = s.groups.find((x) => x.group.startsWith(process.argv[1]));
      const empty = !g || g.partitions.length === 0;
      console.log(empty ? -1 : g.lag);' "$group")
    [ "$lag" = 0 ] && break
    for name in "${STAYSTREAM_SERVICES[@]}"; do
      service_running "$name" || { tail -n 20 "$(service_logfile "$name")" >&2; die "$name stopped (log: $(service_logfile "$name"))"; }
    done
    [ $SECONDS -lt "$deadline" ] || die "$group still has lag $lag after $LOAD_DEADLINE_S s"
    sleep 1
  done
  printf -v "$var" '%s' "$(now_ms)"
  log "$group caught up"
}

# Grades every customer with the daily job as of the day after the data's last departure (the
# bookings end in 2017: as of today every stay would be outside the 36-month window), then
# prints the tier distribution, overall and per hotel, and one explained grade.
print_grades() {
  local last as_of customer t0
  last=$(staystream query --format csv "
    SELECT toString(max(departure_date)) AS last FROM ${CLICKHOUSE_DATABASE}.stay_facts
    WHERE status = 'checked_out'" | tail -n 1)
  as_of=$(date -u -d "$last + 1 day" +%F)
  echo
  echo "== Customer grades as of $as_of (the day after the last departure, $last)"
  t0=$(now_ms)
  staystream grades run --as-of "$as_of" --no-progress
  log "daily grading job finished in $(( $(now_ms) - t0 )) ms (queue to summary)"
  staystream grades distribution
  staystream grades distribution --by property
  customer=$(staystream query --format csv "
    SELECT customer_id FROM ${CLICKHOUSE_DATABASE}.customer_grades FINAL
    WHERE source = 'daily' AND as_of = '$as_of' AND tier = 'A'
    ORDER BY value DESC, stays DESC, customer_id LIMIT 1" | tail -n 1)
  echo
  staystream grades show "$customer"
}

print_import_summary() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(`read ${r.read} rows: ${r.accepted} accepted, ${r.rejected} rejected`);
    for (const [reason, n] of Object.entries(r.rejectedByReason)) console.log(`  ${String(n).padStart(6)}  ${reason}`);
  ' "$STAYSTREAM_RUN_DIR/demo-import.json"
}

print_throughput() {
  local t0=$1 t_import=$2 t_enriched=$3 t_loaded=$4
  staystream query --format json "
    SELECT
      (SELECT count() FROM ${CLICKHOUSE_DATABASE}.event_ledger FINAL) AS events,
      (SELECT count() FROM ${CLICKHOUSE_DATABASE}.stay_nights FINAL) AS nights" >"$STAYSTREAM_RUN_DIR/demo-counts.json"
  node -e '
    const [t0, ti, te, tl] = process.argv.slice(1, 5).map(Number);
    const c = JSON.parse(require("fs").readFileSync(process.argv[5], "utf8"))[0];
    const rows = JSON.parse(require("fs").readFileSync(process.argv[6], "utf8")).read;
    const events = Number(c.events), nights = Number(c.nights);
    const rate = (n, ms) => Math.round(n / (ms / 1000)).toLocaleString("en");
    console.log("\n== Throughput (wall time from the start of the import)");
    console.log(`import (collector): ${rows.toLocaleString("en")} rows in ${((ti - t0) / 1000).toFixed(1)} s = ${rate(rows, ti - t0)} rows/s`);
    console.log(`enricher:           ${events.toLocaleString("en")} events done after ${((te - t0) / 1000).toFixed(1)} s = ${rate(events, te - t0)} events/s`);
    console.log(`sink:               ${(events + nights).toLocaleString("en")} rows (facts and nights) loaded after ${((tl - t0) / 1000).toFixed(1)} s = ${rate(events + nights, tl - t0)} rows/s`);
  ' "$t0" "$t_import" "$t_enriched" "$t_loaded" "$STAYSTREAM_RUN_DIR/demo-counts.json" "$STAYSTREAM_RUN_DIR/demo-import.json"
}

main "$@"
