# Starting and stopping Staystream's own services (collector, enricher, sink) in the background.
# Sourced after env.sh. Pids and logs live in $STAYSTREAM_RUN_DIR.

STAYSTREAM_SERVICES=(sink enricher collector)

service_pidfile() { echo "$STAYSTREAM_RUN_DIR/$1.pid"; }
service_logfile() { echo "$STAYSTREAM_RUN_DIR/logs/$1.log"; }

service_running() {
  local pidfile; pidfile=$(service_pidfile "$1")
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

service_health_url() {
  case "$1" in
    collector) echo "http://127.0.0.1:${COLLECTOR_PORT:-8081}/health/ready" ;;
    enricher) echo "http://127.0.0.1:${ENRICHER_OPS_PORT:-8082}/health/ready" ;;
    sink) echo "http://127.0.0.1:${SINK_PORT:-8083}/health/ready" ;;
  esac
}

start_service() {
  local name=$1
  if service_running "$name"; then log "$name already running"; return 0; fi
  mkdir -p "$STAYSTREAM_RUN_DIR/logs"
  nohup node "$STAYSTREAM_ROOT/services/$name/dist/main.js" >"$(service_logfile "$name")" 2>&1 &
  echo $! >"$(service_pidfile "$name")"
}

wait_service() {
  local name=$1 deadline=$((SECONDS + ${2:-120})) url; url=$(service_health_url "$name")
  until curl -sf "$url" >/dev/null 2>&1; do
    if ! service_running "$name"; then
      tail -n 20 "$(service_logfile "$name")" >&2
      die "$name exited during start-up (log: $(service_logfile "$name"))"
    fi
    [ $SECONDS -lt "$deadline" ] || die "$name not ready after ${2:-120} s (log: $(service_logfile "$name"))"
    sleep 0.5
  done
  log "$name ready"
}

start_services() {
  local name
  for name in "${STAYSTREAM_SERVICES[@]}"; do start_service "$name"; done
  for name in "${STAYSTREAM_SERVICES[@]}"; do wait_service "$name"; done
}

stop_services() {
  local name pid
  for name in collector enricher sink; do
    service_running "$name" || { rm -f "$(service_pidfile "$name")"; continue; }
    pid=$(cat "$(service_pidfile "$name")")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { log "$name did not stop in 20 s; killing"; kill -KILL "$pid" 2>/dev/null || true; }
    rm -f "$(service_pidfile "$name")"
  done
}
