#!/usr/bin/env bash
# Starts, stops or lists Staystream's own services (collector, enricher, sink) in the
# background, with the settings of the calling shell (TOPIC_PREFIX, CLICKHOUSE_DATABASE, ...).
#
#   bash scripts/services.sh start    # needs the infrastructure: bash scripts/infra.sh up
#   bash scripts/services.sh status
#   bash scripts/services.sh stop
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
source "$STAYSTREAM_ROOT/scripts/lib/services.sh"

case "${1:-}" in
  start)
    ensure_node
    ensure_deps
    ensure_build
    start_services
    ;;
  stop) stop_services ;;
  status)
    for name in "${STAYSTREAM_SERVICES[@]}"; do
      if service_running "$name"; then echo "$name  up    pid $(cat "$(service_pidfile "$name")")  log $(service_logfile "$name")"
      else echo "$name  down"; fi
    done
    ;;
  *)
    echo "usage: bash scripts/services.sh start|stop|status" >&2
    exit 2
    ;;
esac
