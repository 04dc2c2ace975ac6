# Reads the services' Prometheus endpoints the way an operator would, with curl, and keeps one
# line of headline counters per call, so the main job can show them moving. Sourced after env.sh.

METRICS_SNAPSHOTS=()

# Sums one counter over its label sets in a /metrics text, optionally only those that contain
# the given label text (such as table="dead_letters").
sum_counter() {
  awk -v name="$1" -v only="${2:-}" '
    ($1 == name || index($1, name "{") == 1) && index($1, only) > 0 { s += $NF }
    END { printf "%d", s }'
}

# Appends "label collector-in collector-out collector-rejected enricher-in enricher-out
# sink-rows sink-dead-letter-rows" to METRICS_SNAPSHOTS; the label is one word.
snapshot_metrics() {
  local label=$1 collector enricher sink
  collector=$(curl -sf "http://127.0.0.1:${COLLECTOR_PORT:-8081}/metrics" || true)
  enricher=$(curl -sf "http://127.0.0.1:${ENRICHER_OPS_PORT:-8082}/metrics" || true)
  sink=$(curl -sf "http://127.0.0.1:${SINK_PORT:-8083}/metrics" || true)
  METRICS_SNAPSHOTS+=("$label $(sum_counter staystream_events_in_total <<<"$collector") \
$(sum_counter staystream_events_out_total <<<"$collector") \
$(sum_counter staystream_events_rejected_total <<<"$collector") \
$(sum_counter staystream_events_in_total <<<"$enricher") \
$(sum_counter staystream_events_out_total <<<"$enricher") \
$(sum_counter staystream_insert_rows_total <<<"$sink") \
$(sum_counter staystream_insert_rows_total 'table="dead_letters"' <<<"$sink")")
}

print_metrics_snapshots() {
  echo
  echo "== Metrics (curl each service's /metrics; counters summed over their labels)"
  printf '%-22s %12s %12s %12s %12s %12s %12s %12s\n' moment \
    collector_in collector_out rejected enricher_in enricher_out sink_rows sink_dlq
  local row
  for row in "${METRICS_SNAPSHOTS[@]}"; do
    # shellcheck disable=SC2086
    printf '%-22s %12s %12s %12s %12s %12s %12s %12s\n' $row
  done
}
