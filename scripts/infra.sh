#!/usr/bin/env bash
# Local infrastructure for Staystream: Kafka (KRaft), Apicurio Registry (Confluent-compatible API), Redis.
#
#   scripts/infra.sh up     [kafka|registry|redis ...]   start what is not running, wait until healthy
#   scripts/infra.sh down   [kafka|registry|redis ...]   stop (SIGTERM, then SIGKILL after a timeout)
#   scripts/infra.sh status [kafka|registry|redis ...]   one line each; exits 1 if any is down
#
# No component named means all of them. Downloads are cached in $STAYSTREAM_HOME, runtime data,
# logs and pid files live in $STAYSTREAM_RUN_DIR (see infra/README.md).
set -euo pipefail

LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")/lib" && pwd)"
# shellcheck source=lib/env.sh
source "$LIB/env.sh"
source "$LIB/infra-common.sh"
source "$LIB/infra-kafka.sh"
source "$LIB/infra-registry.sh"
source "$LIB/infra-redis.sh"

ALL_COMPONENTS=(kafka registry redis) # start order; stop order is the reverse

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Prints the named components (all when none) in start order, adding what they need when asked.
select_components() {
  local with_needs=$1; shift
  local c wanted=" $* " selected=""
  [ $# -eq 0 ] && wanted=" ${ALL_COMPONENTS[*]} "
  for c in "$@"; do
    [[ " ${ALL_COMPONENTS[*]} " == *" $c "* ]] || { log "unknown component: $c"; usage; }
  done
  if [ "$with_needs" = yes ]; then
    for c in $wanted; do wanted+="$("${c}_needs") "; done
  fi
  for c in "${ALL_COMPONENTS[@]}"; do
    [[ "$wanted" == *" $c "* ]] && selected+="$c "
  done
  echo "$selected"
}

reverse() { local out="" c; for c in "$@"; do out="$c $out"; done; echo "$out"; }

report() { printf '%-9s %-5s %-45s %s\n' "$1" "$2" "$3" "${4:-}"; }

up_one() {
  local c=$1 t0 pid need
  t0="$(now_ms)"
  for need in $("${c}_needs"); do
    "${need}_healthy" || { log "$c: not started: it needs $need, which is not up"; return 1; }
  done
  if "${c}_healthy"; then
    report "$c" up "$("${c}_url")" "pid $("${c}_pid" || true) (already running)"
    return 0
  fi

  pid="$("${c}_pid")"
  if [ -n "$pid" ]; then
    log "$c: pid $pid is running but not healthy yet: waiting for it"
  elif port_open 127.0.0.1 "$("${c}_port")"; then
    log "$c: port $("${c}_port") is taken by another program (pid $(listener_pid "$("${c}_port")")), which does not answer as $c"
    return 1
  else
    log "$c: starting"
    # shellcheck disable=SC2046 # one or more log files
    "${c}_start" || { log "$c: FAILED to start"; show_log_tail $("${c}_logs"); return 1; }
    pid="$("${c}_pid")"
  fi

  if ! wait_healthy "$c" "${c}_healthy" "$pid"; then
    log "$c: FAILED (logs: $("${c}_logs"))"
    # shellcheck disable=SC2046
    show_log_tail $("${c}_logs")
    pid_alive "$pid" && log "$c: pid $pid is left running; 'scripts/infra.sh down $c' stops it"
    return 1
  fi
  report "$c" up "$("${c}_url")" "pid $("${c}_pid") (started in $(elapsed_since "$t0"))"
}

down_one() {
  local c=$1 t0 pid port
  t0="$(now_ms)"
  port="$("${c}_port")"
  pid="$("${c}_pid")"
  if [ -z "$pid" ]; then
    if port_open 127.0.0.1 "$port"; then
      log "$c: port $port is served by a program this script did not start (pid $(listener_pid "$port")): left alone"
      return 1
    fi
    report "$c" down "" "(was not running)"
    return 0
  fi
  if [ "$c" = kafka ] && [[ " $2 " != *" registry "* ]] && registry_healthy && [ "$REGISTRY_STORAGE" = kafkasql ]; then
    log "kafka: note: the registry keeps its schemas in Kafka and fails until Kafka is back"
  fi
  stop_pid "$c" "$pid"
  local pidfile="${c^^}_PIDFILE"
  rm -f "${!pidfile}"
  report "$c" down "" "(stopped pid $pid in $(elapsed_since "$t0"))"
}

status_one() {
  local c=$1 pid extra=""
  pid="$("${c}_pid")"
  [ "$c" = registry ] && extra=", storage $REGISTRY_STORAGE"
  if "${c}_healthy"; then
    report "$c" up "$("${c}_url")" "pid ${pid:-?}$extra"
  elif [ -n "$pid" ]; then
    report "$c" down "$("${c}_url")" "pid $pid runs but is not healthy (logs: $("${c}_logs"))"
    return 1
  else
    report "$c" down "$("${c}_url")" "not running"
    return 1
  fi
}

main() {
  [ $# -ge 1 ] || usage
  local cmd=$1; shift
  local c rc=0 components
  case "$cmd" in
    up)
      components="$(select_components yes "$@")"
      mkdir -p "$STAYSTREAM_RUN_DIR" "$STAYSTREAM_HOME"
      for c in $components; do up_one "$c" || rc=1; done
      [ "$rc" = 0 ] || log "some components did not come up (see above)"
      ;;
    down)
      components="$(select_components no "$@")"
      # shellcheck disable=SC2086 # a list
      for c in $(reverse $components); do down_one "$c" "$components" || rc=1; done
      ;;
    status)
      components="$(select_components no "$@")"
      for c in $components; do status_one "$c" || rc=1; done
      ;;
    -h | --help | help) usage ;;
    *) log "unknown command: $cmd"; usage ;;
  esac
  return "$rc"
}

main "$@"
