# shellcheck shell=bash
# Apache Kafka: one KRaft node (broker + controller), jars from Maven Central (infra/kafka/pom.xml).

KAFKA_VERSION=4.4.0
KAFKA_HOST=127.0.0.1
KAFKA_PORT=19092
KAFKA_CONTROLLER_PORT=19093

KAFKA_LIBS="$STAYSTREAM_HOME/kafka-$KAFKA_VERSION/libs"
KAFKA_RUN="$STAYSTREAM_RUN_DIR/kafka"
KAFKA_DATA="$KAFKA_RUN/data"
KAFKA_PIDFILE="$KAFKA_RUN/kafka.pid"
KAFKA_OUT="$KAFKA_RUN/logs/stdout.log"
KAFKA_LOG="$KAFKA_RUN/logs/server.log"

kafka_port() { echo "$KAFKA_PORT"; }
kafka_url() { echo "$KAFKA_HOST:$KAFKA_PORT"; }
kafka_pid() { find_pid "$KAFKA_PIDFILE" "$KAFKA_PORT" "kafka.Kafka"; }
kafka_needs() { :; }
kafka_logs() { echo "$KAFKA_LOG" "$KAFKA_OUT"; }

# Healthy = the broker answers an ApiVersions request (v0, correlation id 1) with error code 0.
# A KRaft broker only serves requests once it has caught up with the metadata log and is unfenced.
kafka_healthy() {
  local reply
  reply="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "\x00\x00\x00\x11\x00\x12\x00\x00\x00\x00\x00\x01\x00\x07healthy" >&3
    head -c 10 <&3 | od -An -v -tx1 | tr -d " \n"' _ "$KAFKA_HOST" "$KAFKA_PORT" 2>/dev/null)" || return 1
  # reply: 4 bytes size, then correlation id 00000001 and error code 0000
  [ "${reply:8:12}" = "000000010000" ]
}

kafka_install() {
  [ -f "$KAFKA_LIBS/.complete" ] && return 0
  log "kafka: fetching Kafka $KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS"
  rm -rf "$KAFKA_LIBS"
  run_maven "$STAYSTREAM_HOME/kafka-$KAFKA_VERSION/maven.log" -f "$INFRA_DIR/kafka/pom.xml" \
    -Dkafka.version="$KAFKA_VERSION" dependency:copy-dependencies -DoutputDirectory="$KAFKA_LIBS" ||
    { log "kafka: Maven could not resolve the Kafka jars"; return 1; }
  touch "$KAFKA_LIBS/.complete"
}

kafka_java() { find_java 17 || { log "kafka: Kafka $KAFKA_VERSION needs Java >= 17"; return 1; }; }

# Writes server.properties into the run dir and formats the storage once, with a cluster id kept
# in the run dir.
kafka_prepare() {
  local java=$1 cluster_id
  mkdir -p "$KAFKA_DATA" "$KAFKA_RUN/logs"
  sed "s|@DATA_DIR@|$KAFKA_DATA|" "$INFRA_DIR/kafka/server.properties" >"$KAFKA_RUN/server.properties"
  [ -f "$KAFKA_DATA/meta.properties" ] && return 0

  if [ ! -s "$KAFKA_RUN/cluster.id" ]; then
    "$java" -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1 >"$KAFKA_RUN/cluster.id"
  fi
  cluster_id="$(cat "$KAFKA_RUN/cluster.id")"
  [ -n "$cluster_id" ] || { log "kafka: could not generate a cluster id"; return 1; }
  log "kafka: formatting storage in $KAFKA_DATA (cluster id $cluster_id)"
  "$java" -Dlog4j2.configurationFile="$INFRA_DIR/kafka/log4j2.properties" -Dkafka.logs.dir="$KAFKA_RUN/logs" \
    -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format --standalone \
    --config "$KAFKA_RUN/server.properties" --cluster-id "$cluster_id" >>"$KAFKA_OUT" 2>&1 ||
    { log "kafka: formatting the storage failed"; return 1; }
}

kafka_start() {
  local java
  if port_open "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT"; then
    log "kafka: controller port $KAFKA_CONTROLLER_PORT is taken (pid $(listener_pid "$KAFKA_CONTROLLER_PORT"))"
    return 1
  fi
  java="$(kafka_java)" || return 1
  kafka_install || return 1
  kafka_prepare "$java" || return 1
  launch_detached "$KAFKA_PIDFILE" "$KAFKA_OUT" \
    "$java" -Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$INFRA_DIR/kafka/log4j2.properties" -Dkafka.logs.dir="$KAFKA_RUN/logs" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_RUN/server.properties"
}
