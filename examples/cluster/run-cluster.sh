#!/usr/bin/env bash
# The cluster example, end to end on this machine:
#
#   run-cluster.sh JAVA CLASSPATH
#
# 1. starts two Hazelcast member JVMs (ClusterMember, which is MemberMain) bound to 127.0.0.1, in a cluster whose name
#    is unique to this run, and waits until both print MEMBER READY;
# 2. starts the camel-main application (ClusterApplication), a Hazelcast client of the two, which sends one batch of
#    CLUSTER_ITEMS items to parallel:cluster?backend=hazelcast&clientMode=true;
# 3. as soon as the application's progress line shows items done, kills member 2 with kill -9;
# 4. waits for the application, which fails unless every result came back once and in input order, and checks that
#    the member died under the batch (2 members at its start, 1 at its end).
#
# Every JVM it started is killed when it exits, however it exits. A member also halts by itself when this script dies,
# even of kill -9: its stdin is a pipe from a loop that lives as long as the script.
#
# The Maven command passes JAVA and CLASSPATH: ./mvnw -B -q package -DskipTests -Dcluster.run -pl examples/cluster -am
# Environment: CLUSTER_ITEMS (default 600), EXAMPLE_DSL (yaml or java), HAZELCAST_JVM_FLAGS (the --add-opens flags
# Hazelcast asks for; Maven passes the root pom's hazelcast.jvm.flags), CLUSTER_READY_SECONDS (default 90).
set -euo pipefail

JAVA=${1:?usage: run-cluster.sh JAVA CLASSPATH}
APP_CLASSPATH=${2:?usage: run-cluster.sh JAVA CLASSPATH}
ITEMS=${CLUSTER_ITEMS:-600}
DSL=${EXAMPLE_DSL:-yaml}
READY_SECONDS=${CLUSTER_READY_SECONDS:-90}
read -r -a JVM_FLAGS <<< "${HAZELCAST_JVM_FLAGS:---add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED}"
if [ "$(nproc)" -le 2 ]; then
    # on 2 CPUs or fewer Hazelcast starts a thread per callback unless the common pool has 2 threads (docs/distributed.md)
    JVM_FLAGS+=("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2")
fi

WORK=$(mktemp -d -t camel-parallel-cluster.XXXXXX)
NAME="camel-parallel-example-$$-$RANDOM"
PIDS=()

cleanup() {
    local code=$?
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

say() { echo ">>> $*"; }

# lives as long as this script; a member's stdin is its output, so the member sees end of file once the script is gone
while_script_lives() { while kill -0 $$ 2>/dev/null; do sleep 1; done; }

free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    echo "run-cluster.sh: no free port found on 127.0.0.1" >&2
    return 1
}

PORT1=$(free_port)
PORT2=$(free_port)
while [ "$PORT2" = "$PORT1" ]; do PORT2=$(free_port); done
MEMBERS="127.0.0.1:$PORT1,127.0.0.1:$PORT2"

for i in 1 2; do
    port=$([ "$i" = 1 ] && echo "$PORT1" || echo "$PORT2")
    "$JAVA" -Xmx256m "${JVM_FLAGS[@]}" -cp "$APP_CLASSPATH" io.github.camelparallel.examples.cluster.ClusterMember \
        --cluster "$NAME" --port "$port" --members "$MEMBERS" --pool-size 2 --interface 127.0.0.1 \
        < <(while_script_lives) > "$WORK/member$i.out" 2> "$WORK/member$i.err" &
    PIDS+=("$!")
    say "member $i starting: pid $!, port $port, cluster $NAME"
done

for i in 1 2; do
    pid=${PIDS[$((i - 1))]}
    deadline=$((SECONDS + READY_SECONDS))
    until grep -q '^MEMBER READY' "$WORK/member$i.out"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            say "member $i (pid $pid) exited before it was ready; its last stderr lines:"
            tail -n 20 "$WORK/member$i.err"
            exit 1
        fi
        if (( SECONDS >= deadline )); then
            say "member $i (pid $pid) was not ready after ${READY_SECONDS} s; its last stderr lines:"
            tail -n 20 "$WORK/member$i.err"
            exit 1
        fi
        sleep 0.2
    done
    say "member $i ready: $(sed -n 's/^MEMBER READY //p' "$WORK/member$i.out")"
done

"$JAVA" "${JVM_FLAGS[@]}" -Dexample.dsl="$DSL" -Dcluster.name="$NAME" -Dcluster.members="$MEMBERS" \
    -Dcluster.items="$ITEMS" -cp "$APP_CLASSPATH" io.github.camelparallel.examples.cluster.ClusterApplication \
    > "$WORK/app.log" 2>&1 < /dev/null &
APP=$!
PIDS+=("$APP")
say "application started: pid $APP, a client of $MEMBERS, $ITEMS items"
tail -n +1 -f --pid="$APP" "$WORK/app.log" &
TAIL=$!

# kill member 2 once items are done, so it dies under the running batch
until grep -qE '\] progress: [1-9][0-9]*/' "$WORK/app.log" || ! kill -0 "$APP" 2>/dev/null; do
    sleep 0.05
done
if kill -0 "$APP" 2>/dev/null; then
    kill -9 "${PIDS[1]}"
    wait "${PIDS[1]}" 2>/dev/null || true
    say "killed member 2 (pid ${PIDS[1]}) with kill -9 while the batch ran: $(grep -oE 'progress: [0-9]+/[0-9]+' "$WORK/app.log" | tail -n 1) items done"
fi

set +e
wait "$APP"
APP_CODE=$?
wait "$TAIL"
set -e
if [ "$APP_CODE" -ne 0 ]; then
    say "FAILED: the application exited with code $APP_CODE (its log is above)"
    exit 1
fi
if ! grep -qE 'each once and in input order.*2 members at the start, 1 at the end' "$WORK/app.log"; then
    say "FAILED: member 2 did not die under the batch (the batch ended first?); raise CLUSTER_ITEMS"
    exit 1
fi
say "OK: member 2 was killed mid-batch and nothing was lost: every result once, in input order"
