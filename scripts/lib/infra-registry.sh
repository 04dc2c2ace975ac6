# shellcheck shell=bash
# Apicurio Registry (Confluent-compatible API under /apis/ccompat/v7), distribution from Maven Central.
#
# Storage: "kafkasql" (default) keeps every schema in the compacted topic kafkasql-journal of our
# own Kafka, so schema ids survive registry restarts; it needs Kafka up first. "mem" (in-memory H2)
# forgets everything at each restart. Choose with STAYSTREAM_REGISTRY_STORAGE=kafkasql|mem.

APICURIO_VERSION=3.3.3
APICURIO_ARTIFACT="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all"
REGISTRY_HOST=127.0.0.1
REGISTRY_PORT=18081
REGISTRY_MANAGEMENT_PORT=18082 # Quarkus management interface (/health, /metrics); its default 9000 clashes too easily
REGISTRY_STORAGE="${STAYSTREAM_REGISTRY_STORAGE:-kafkasql}"

APICURIO_HOME="$STAYSTREAM_HOME/apicurio-$APICURIO_VERSION"
REGISTRY_RUN="$STAYSTREAM_RUN_DIR/registry"
REGISTRY_PIDFILE="$REGISTRY_RUN/registry.pid"
REGISTRY_LOG="$REGISTRY_RUN/registry.log"

registry_port() { echo "$REGISTRY_PORT"; }
registry_url() { echo "http://$REGISTRY_HOST:$REGISTRY_PORT/apis/ccompat/v7"; }
registry_pid() { find_pid "$REGISTRY_PIDFILE" "$REGISTRY_PORT" "quarkus-run.jar"; }
registry_logs() { echo "$REGISTRY_LOG"; }
registry_needs() { if [ "$REGISTRY_STORAGE" = kafkasql ]; then echo kafka; fi; }

registry_healthy() {
  curl -fsS -o /dev/null --max-time 3 "$(registry_url)/subjects" 2>/dev/null
}

# Downloads the distribution with Maven (checksums checked: -C), checks it once more against the
# .sha1 published beside it on Maven Central (kept by Maven in its local repository), extracts it.
registry_install() {
  [ -f "$APICURIO_HOME/.complete" ] && return 0
  local tmp tarball published actual sha1file
  tmp="$STAYSTREAM_HOME/.download-apicurio-$APICURIO_VERSION"
  rm -rf "$tmp" "$APICURIO_HOME"
  mkdir -p "$tmp"
  log "registry: fetching $APICURIO_ARTIFACT from Maven Central (~160 MB, cached in the Maven repository)"
  (cd "$tmp" && run_maven "$tmp/maven.log" dependency:copy -Dartifact="$APICURIO_ARTIFACT" -DoutputDirectory="$tmp") ||
    { log "registry: Maven could not fetch $APICURIO_ARTIFACT"; return 1; }
  tarball="$tmp/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz"

  sha1file="$(maven_local_repo)/io/apicurio/apicurio-registry-app/$APICURIO_VERSION/$(basename "$tarball").sha1"
  if [ -f "$sha1file" ]; then
    published="$(cut -c1-40 "$sha1file")"
    actual="$(sha1sum "$tarball" | cut -c1-40)"
    [ "$published" = "$actual" ] ||
      { log "registry: sha1 mismatch for $(basename "$tarball"): published $published, got $actual"; return 1; }
  else
    log "registry: no published .sha1 in the Maven repository; relying on Maven's own check (-C)"
  fi

  mkdir -p "$APICURIO_HOME"
  tar -xzf "$tarball" -C "$APICURIO_HOME" || { log "registry: could not extract $tarball"; return 1; }
  rm -rf "$tmp"
  touch "$APICURIO_HOME/.complete"
}

registry_storage_opts() {
  case "$REGISTRY_STORAGE" in
    kafkasql)
      # start-up checks of the journal end on an empty poll: 1 s polls instead of 5 s save ~10 s
      echo "-Dapicurio.storage.kind=kafkasql -Dapicurio.kafkasql.bootstrap.servers=$KAFKA_HOST:$KAFKA_PORT" \
        "-Dapicurio.kafkasql.consumer.poll.timeout=1000" ;;
    mem)
      echo "-Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=h2" ;;
    *)
      log "registry: unknown STAYSTREAM_REGISTRY_STORAGE=$REGISTRY_STORAGE (kafkasql or mem)"; return 1 ;;
  esac
}

registry_start() {
  local java storage
  # Apicurio Registry 3.3 is compiled for Java 21
  java="$(find_java 21)" || { log "registry: Apicurio Registry $APICURIO_VERSION needs Java >= 21"; return 1; }
  storage="$(registry_storage_opts)" || return 1
  registry_install || return 1
  mkdir -p "$REGISTRY_RUN/tmp"
  # shellcheck disable=SC2086 # $storage is a list of -D options
  launch_detached "$REGISTRY_PIDFILE" "$REGISTRY_LOG" \
    "$java" -Xms128m -Xmx512m -Djava.io.tmpdir="$REGISTRY_RUN/tmp" \
    -Dquarkus.http.host="$REGISTRY_HOST" -Dquarkus.http.port="$REGISTRY_PORT" \
    -Dquarkus.management.host="$REGISTRY_HOST" -Dquarkus.management.port="$REGISTRY_MANAGEMENT_PORT" \
    -Dapicurio.storage.snapshot.location="$REGISTRY_RUN/tmp" -Dapicurio.import.work-dir="$REGISTRY_RUN/tmp" \
    $storage \
    -jar "$APICURIO_HOME/quarkus-run.jar"
}
