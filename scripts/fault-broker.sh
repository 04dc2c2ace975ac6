#!/usr/bin/env bash
# A private single-node Kafka broker for destructive fault tests, built from the same functions
# as scripts/infra.sh but on other ports and in its own run dir, so the shared broker is never
# touched. Usage: fault-broker.sh start|kill <run-dir> <port> <controller-port>
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"
source "$STAYSTREAM_ROOT/scripts/lib/infra-common.sh"
source "$STAYSTREAM_ROOT/scripts/lib/infra-kafka.sh"

action=$1 run_dir=$2
KAFKA_PORT=$3
KAFKA_CONTROLLER_PORT=$4
KAFKA_RUN="$run_dir"
KAFKA_DATA="$KAFKA_RUN/data"
KAFKA_PIDFILE="$KAFKA_RUN/kafka.pid"
KAFKA_OUT="$KAFKA_RUN/logs/stdout.log"
KAFKA_LOG="$KAFKA_RUN/logs/server.log"

# kafka_prepare reads $INFRA_DIR/kafka/*: a private copy with this broker's ports.
private_infra() {
  local shared=$INFRA_DIR
  INFRA_DIR="$KAFKA_RUN/infra"
  mkdir -p "$INFRA_DIR/kafka"
  sed -e "s/19092/$KAFKA_PORT/g" -e "s/19093/$KAFKA_CONTROLLER_PORT/g" \
    "$shared/kafka/server.properties" >"$INFRA_DIR/kafka/server.properties"
  cp "$shared/kafka/log4j2.properties" "$INFRA_DIR/kafka/log4j2.properties"
}

case "$action" in
  start)
    # kafka_start's steps without its port probe: right after a kill the probe can see a
    # half-closed controller socket and refuse to start.
    private_infra
    java="$(kafka_java)"
    kafka_install
    kafka_prepare "$java"
    launch_detached "$KAFKA_PIDFILE" "$KAFKA_OUT" \
      "$java" -Xms128m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$INFRA_DIR/kafka/log4j2.properties" -Dkafka.logs.dir="$KAFKA_RUN/logs" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_RUN/server.properties"
    wait_healthy "fault broker" kafka_healthy "$(cat "$KAFKA_PIDFILE")"
    ;;
  kill)
    pid="$(cat "$KAFKA_PIDFILE" 2>/dev/null || true)"
    if pid_matches "$pid" kafka.Kafka; then
      kill -KILL "$pid"
      while pid_alive "$pid"; do sleep 0.1; done
    fi
    ;;
  *) die "usage: fault-broker.sh start|kill <run-dir> <port> <controller-port>" ;;
esac
