# shellcheck shell=bash
# Redis from Debian's redis-server package, started by hand (no systemd), config in infra/redis/redis.conf.

REDIS_HOST=127.0.0.1
REDIS_PORT=16379

REDIS_RUN="$STAYSTREAM_RUN_DIR/redis"
REDIS_PIDFILE="$REDIS_RUN/redis.pid"
REDIS_LOG="$REDIS_RUN/redis.log"

redis_port() { echo "$REDIS_PORT"; }
redis_url() { echo "redis://$REDIS_HOST:$REDIS_PORT"; }
redis_pid() { find_pid "$REDIS_PIDFILE" "$REDIS_PORT" "redis-server"; }
redis_needs() { :; }
redis_logs() { echo "$REDIS_LOG"; }

# Healthy = PING answers +PONG (while loading the AOF Redis answers -LOADING instead).
redis_healthy() {
  local reply
  reply="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "PING\r\n" >&3
    head -c 5 <&3' _ "$REDIS_HOST" "$REDIS_PORT" 2>/dev/null)" || return 1
  [ "$reply" = "+PONG" ]
}

redis_install() {
  command -v redis-server >/dev/null && return 0
  [ "$(id -u)" = 0 ] || { log "redis: redis-server is missing; install it: sudo apt-get install -y redis-server"; return 1; }
  local apt_log="$REDIS_RUN/apt-get.log"
  log "redis: installing Debian's redis-server (apt-get output: $apt_log)"
  mkdir -p "$REDIS_RUN"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -q redis-server || { apt-get update -q && apt-get install -y -q redis-server; }; } >"$apt_log" 2>&1 ||
    { log "redis: apt-get install redis-server failed"; show_log_tail "$apt_log"; return 1; }
}

redis_start() {
  redis_install || return 1
  mkdir -p "$REDIS_RUN"
  rm -f "$REDIS_PIDFILE"
  # daemonizes itself and writes the pid file
  redis-server "$INFRA_DIR/redis/redis.conf" \
    --dir "$REDIS_RUN" --pidfile "$REDIS_PIDFILE" --logfile "$REDIS_LOG" >>"$REDIS_LOG" 2>&1 ||
    { log "redis: redis-server did not start"; return 1; }
}
