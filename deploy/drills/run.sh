#!/usr/bin/env bash
#
# Failure drills: the production topology on this one machine, under load, failing the way
# production fails (issue 20). See docs/operations.md#failure-drills.
#
#   deploy/drills/run.sh [--quick]
#
#   --quick   drills 1, 3 and 6 (a device-api killed, the PostgreSQL primary killed, a rolling
#             restart with a migration); without it all seven
#
# Builds, from Debian's packages (installed when missing) and server/target/enverify.jar, in a
# scratch directory, on 127.0.0.1 only:
#   etcd + 2 Patroni nodes (PostgreSQL 15 primary and synchronous standby), as user enverify-drill
#   Redis master + replica + 3 sentinels
#   9 Enverify JVMs started as the image starts them: device-api x2, admin-api x2, ui, redirect,
#     worker x2, and the sample's backup server (every serving role)
#   HAProxy with deploy/haproxy/haproxy.cfg (addresses and ports filled in)
#   the machine's RabbitMQ (amqp://guest:guest@127.0.0.1:5672) for the event stream
#   the bench's open-loop generator (org.enverify.bench.DrillTraffic) keeping a ledger of every answer
# then runs the drills, prints the table and writes deploy/drills/results/drills-<time>.md and .json.
# Everything it started is stopped and the scratch directory removed at the end, also on failure or
# Ctrl-C; it exits non-zero when a drill failed, hung (DRILL_TIMEOUT seconds each) or the topology
# could not be built.
#
# Settings (environment): DRILL_BASE_PORT (17000; every port is BASE+n), DRILL_RATE (requests per
# second of the open-loop mix, 20), DRILL_TIMEOUT (per drill, 300 s), DRILL_KEEP=1 keeps the scratch
# directory for reading the logs. Needs root (packages, the drill user, RabbitMQ's service), curl, jq,
# Java 25 (JAVA_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64).
# Build first: ./mvnw -B -q -pl server,bench package -DskipTests

set -Eeuo pipefail

usage() { sed -n '3,10p' "$0" | sed 's/^# \{0,1\}//' >&2; }

QUICK=0
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown argument '$arg'" >&2; usage; exit 2 ;;
    esac
done

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/deploy/drills
RESULTS=$HERE/results
JAR=$ROOT/server/target/enverify.jar
BENCH_CLASSES=$ROOT/bench/target/classes
# the image's JDK (deploy/Dockerfile: Temurin 25) when JAVA_HOME names none, as .ci/run does
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
BASE=${DRILL_BASE_PORT:-17000}
RATE=${DRILL_RATE:-20}
DRILL_TIMEOUT=${DRILL_TIMEOUT:-300}
DRILL_USER=enverify-drill
PG_BIN=/usr/lib/postgresql/15/bin
# no path: the default virtual host "/" (a trailing "/" would name the empty one)
RABBITMQ_URL=amqp://guest:guest@127.0.0.1:5672
EXCHANGE=enverify.drills

ETCD_CLIENT=$((BASE + 379)); ETCD_PEER=$((BASE + 380))
PG_PORT=([1]=$((BASE + 432)) [2]=$((BASE + 433)))
REST_PORT=([1]=$((BASE + 8)) [2]=$((BASE + 9)))
REDIS_PORT=([1]=$((BASE + 637)) [2]=$((BASE + 638)))
SENTINEL_PORTS=($((BASE + 661)) $((BASE + 662)) $((BASE + 663)))
HAPROXY_PORT=$((BASE + 80)); HAPROXY_STATS=$((BASE + 404))
# name role port-offset (the management port is 100 above)
APPS=(
    "ui-1 ui 105"
    "device-api-1 device-api 101"
    "device-api-2 device-api 102"
    "admin-api-1 admin-api 103"
    "admin-api-2 admin-api 104"
    "redirect-1 redirect 106"
    "worker-1 worker 107"
    "worker-2 worker 108"
    "standby ui,device-api,admin-api,redirect 109"
)
# The image's JVM options (deploy/Dockerfile) with a fixed small heap instead of 60% of a container, and
# C1 only: nine JVMs share two cores with the databases and the generator.
JVM_OPTIONS="-Xmx256m -XX:TieredStopAtLevel=1 -XX:ActiveProcessorCount=2 -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -Xss512k -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED -XX:NewSize=24m -XX:TrimNativeHeapInterval=5000"

S=""          # scratch directory
FAILED=0      # a drill failed
STARTED_RABBIT_STOP=0

say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { printf '\nrun.sh: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }

# ---------------------------------------------------------------- processes and cleanup

# start NAME [setpriv] CMD...: in a session of its own, output in $S/logs/NAME.log, pid in $S/pids/NAME
start() {
    local name=$1; shift
    setsid "$@" >"$S/logs/$name.log" 2>&1 < /dev/null &
    echo $! >"$S/pids/$name"
    disown $!   # no job notice when a drill kills it
}


pid_of() { cat "$S/pids/$1" 2>/dev/null || true; }

alive() { local pid; pid=$(pid_of "$1"); [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }

# stop NAME [grace seconds]: SIGTERM to its session, SIGKILL after the grace period
stop() {
    local name=$1 grace=${2:-30} pid i
    pid=$(pid_of "$name")
    [[ -n "$pid" ]] || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$S/pids/$name"
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    set +e
    if [[ -n "$S" && -d "$S/pids" ]]; then
        say "stopping everything this run started"
        stop traffic 10
        stop haproxy 5
        local stopping=()
        for app in "${APPS[@]}"; do
            read -r name _ <<<"$app"
            stop "$name" 40 &
            stopping+=($!)
        done
        wait "${stopping[@]}"
        for f in "$S"/pids/*; do
            [[ -e "$f" ]] && stop "$(basename "$f")" 30
        done
    fi
    ensure_rabbitmq_running
    if [[ -n "$S" && -d "$S" ]]; then
        if [[ "${DRILL_KEEP:-0}" == 1 ]]; then
            say "scratch directory kept: $S"
        else
            rm -rf "$S"
        fi
    fi
    if ((status != 0)); then
        echo "run.sh: FAILED (exit $status)" >&2
    fi
    exit "$status"
}

ensure_rabbitmq_running() {
    if ((STARTED_RABBIT_STOP)); then
        rabbitmqctl start_app >/dev/null 2>&1 || service rabbitmq-server start >/dev/null 2>&1 || true
        if rabbitmqctl await_startup >/dev/null 2>&1; then
            STARTED_RABBIT_STOP=0
        else
            echo "run.sh: WARNING: RabbitMQ did not come back; start it: rabbitmqctl start_app" >&2
        fi
    fi
}

# ---------------------------------------------------------------- checks before anything starts

preflight() {
    [[ $(id -u) -eq 0 ]] || die "needs root: it installs packages, creates the user $DRILL_USER and stops RabbitMQ's app"
    [[ -f "$JAR" ]] || die "no $JAR; build it first: ./mvnw -B -q -pl server,bench package -DskipTests"
    [[ -d "$BENCH_CLASSES/org/enverify/bench" ]] || die "no bench classes; build them: ./mvnw -B -q -pl server,bench package -DskipTests"
    local java_major
    java_major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [[ "${java_major:-0}" -ge 25 ]] 2>/dev/null || die "needs Java 25 as the image runs it (found '${java_major:-none}' at $JAVA); set JAVA_HOME"
    [[ -x "$PG_BIN/postgres" ]] || die "PostgreSQL 15 binaries missing in $PG_BIN (apt-get install postgresql-15)"
    command -v curl >/dev/null && command -v jq >/dev/null || die "needs curl and jq"
    local missing=() pkg
    for pkg in patroni etcd-server haproxy redis-sentinel; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        say "installing ${missing[*]}"
        local log; log=$(mktemp)
        if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
            tail -n 15 "$log" >&2; rm -f "$log"
            die "could not install ${missing[*]} (see above); nothing was started"
        fi
        rm -f "$log"
    fi
    local ports=("$ETCD_CLIENT" "$ETCD_PEER" "${PG_PORT[@]}" "${REST_PORT[@]}" "${REDIS_PORT[@]}" "${SENTINEL_PORTS[@]}" "$HAPROXY_PORT" "$HAPROXY_STATS")
    for app in "${APPS[@]}"; do
        read -r _ _ offset <<<"$app"
        ports+=($((BASE + offset)) $((BASE + offset + 100)))
    done
    local taken=() port
    for port in "${ports[@]}"; do
        if ss -Hltn "sport = :$port" | grep -q .; then taken+=("$port"); fi
    done
    ((${#taken[@]} == 0)) || die "port(s) already taken: ${taken[*]}; free them or choose other ports with DRILL_BASE_PORT (now $BASE)"
    rabbitmqctl await_startup >/dev/null 2>&1 || die "RabbitMQ is not running on this machine (rabbitmqctl await_startup failed)"
    if ! id "$DRILL_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$DRILL_USER" || die "could not create user $DRILL_USER"
    fi
    AS_DRILL_USER=(setpriv --reuid="$(id -u "$DRILL_USER")" --regid="$(id -g "$DRILL_USER")" --init-groups)
}

# wait_for WHAT SECONDS COMMAND...: until COMMAND succeeds, or die naming WHAT
wait_for() {
    local what=$1 seconds=$2; shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || die "$what did not come up within ${seconds}s (logs: ${S}/logs)"
        sleep 0.5
    done
}

http_ok() { curl -fsS -o /dev/null --max-time 3 "$1"; }

# ---------------------------------------------------------------- PostgreSQL with Patroni and etcd

start_etcd() {
    mkdir -p "$S/etcd" && chown "$DRILL_USER" "$S/etcd" && chmod 700 "$S/etcd"
    start etcd "${AS_DRILL_USER[@]}" etcd --name drill --data-dir "$S/etcd/data" \
        --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT" \
        --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
        --initial-cluster "drill=http://127.0.0.1:$ETCD_PEER"
    wait_for etcd 60 http_ok "http://127.0.0.1:$ETCD_CLIENT/health"
}

patroni_config() {
    local n=$1 dir=$S/pg$1
    cat <<EOF
scope: enverify-drill
name: pg$n
restapi:
  listen: 127.0.0.1:${REST_PORT[$n]}
  connect_address: 127.0.0.1:${REST_PORT[$n]}
etcd3:
  hosts: 127.0.0.1:$ETCD_CLIENT
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 1
    retry_timeout: 5
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    # a crashed primary is failed over at once instead of being restarted in place for 300 s
    primary_start_timeout: 0
    postgresql:
      use_pg_rewind: true
      parameters:
        max_connections: 200
        wal_level: replica
        hot_standby: 'on'
        wal_log_hints: 'on'
        max_wal_senders: 10
        max_replication_slots: 10
        synchronous_commit: 'on'
  initdb:
  - encoding: UTF8
  - data-checksums
  - auth: md5
postgresql:
  listen: 127.0.0.1:${PG_PORT[$n]}
  connect_address: 127.0.0.1:${PG_PORT[$n]}
  data_dir: $dir/data
  bin_dir: $PG_BIN
  pgpass: $dir/pgpass
  authentication:
    superuser:
      username: postgres
      password: drill-postgres
    replication:
      username: replicator
      password: drill-replicator
    rewind:
      username: postgres
      password: drill-postgres
  parameters:
    unix_socket_directories: '$dir'
    shared_buffers: 64MB
  pg_hba:
  - local all all trust
  - host replication replicator 127.0.0.1/32 md5
  - host all all 127.0.0.1/32 md5
EOF
}

start_patroni() {
    local n=$1
    mkdir -p "$S/pg$n" && chmod 700 "$S/pg$n"
    patroni_config "$n" >"$S/pg$n/patroni.yml"
    chown -R "$DRILL_USER" "$S/pg$n"
    start "patroni-$n" "${AS_DRILL_USER[@]}" patroni "$S/pg$n/patroni.yml"
}

psql_primary() {
    local n; n=$(primary_node)
    PGPASSWORD=drill-postgres psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${PG_PORT[$n]}" -U postgres -At "$@"
}

node_role() { curl -s --max-time 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:${REST_PORT[$1]}/$2"; }

primary_node() {
    local n
    for n in 1 2; do [[ $(node_role "$n" primary) == 200 ]] && { echo "$n"; return 0; }; done
    return 1
}

node_is() { [[ $(node_role "$1" "$2") == 200 ]]; }

sync_standby_is() { node_is "$1" sync; }

redis_master_moved_from() { [[ $(redis_master_port) != "$1" ]]; }

start_postgres_cluster() {
    start_etcd
    start_patroni 1
    wait_for "Patroni pg1 as primary" 120 node_is 1 primary
    start_patroni 2
    wait_for "Patroni pg2 as synchronous standby" 180 sync_standby_is 2
    psql_primary -c "CREATE ROLE enverify LOGIN PASSWORD 'drill'" -c "CREATE DATABASE enverify OWNER enverify" \
        -c "CREATE DATABASE aot_training OWNER enverify"
}

postmaster_pid() { head -n 1 "$S/pg$1/data/postmaster.pid" 2>/dev/null; }

# ---------------------------------------------------------------- Redis with Sentinel

start_redis() {
    local n
    for n in 1 2; do
        mkdir -p "$S/redis$n"
        local replica=()
        ((n == 2)) && replica=(--replicaof 127.0.0.1 "${REDIS_PORT[1]}")
        start "redis-$n" redis-server --bind 127.0.0.1 --port "${REDIS_PORT[$n]}" --dir "$S/redis$n" --save '' \
            --appendonly no "${replica[@]}"
    done
    wait_for "Redis replica" 30 sh -c "redis-cli -p ${REDIS_PORT[2]} info replication | grep -q 'master_link_status:up'"
    local i=0 port
    for port in "${SENTINEL_PORTS[@]}"; do
        i=$((i + 1))
        mkdir -p "$S/sentinel$i"
        cat >"$S/sentinel$i/sentinel.conf" <<EOF
bind 127.0.0.1
port $port
dir $S/sentinel$i
sentinel monitor drillmaster 127.0.0.1 ${REDIS_PORT[1]} 2
sentinel down-after-milliseconds drillmaster 2000
sentinel failover-timeout drillmaster 10000
sentinel parallel-syncs drillmaster 1
EOF
        start "sentinel-$i" redis-sentinel "$S/sentinel$i/sentinel.conf"
    done
    wait_for "Redis sentinels" 30 sh -c "redis-cli -p ${SENTINEL_PORTS[0]} sentinel master drillmaster | grep -qx 'num-other-sentinels' && redis-cli -p ${SENTINEL_PORTS[0]} sentinel master drillmaster | grep -A1 -x num-other-sentinels | tail -n1 | grep -qx 2"
}

# how many Lua scripts (Bucket4j's bucket updates) a Redis ran
bucket_scripts() { redis-cli -p "$1" info commandstats | awk -F'[:=,]' '/^cmdstat_eval/ {n += $3} END {print n + 0}'; }

redis_master_port() { redis-cli -p "${SENTINEL_PORTS[0]}" sentinel get-master-addr-by-name drillmaster | tail -n 1; }

# ---------------------------------------------------------------- Enverify

app_line() { local a; for a in "${APPS[@]}"; do [[ ${a%% *} == "$1" ]] && { echo "$a"; return; }; done; }
app_port() { local l; l=$(app_line "$1"); echo $((BASE + ${l##* })); }
app_management_port() { echo $(($(app_port "$1") + 100)); }
app_ready() { [[ $(curl -s --max-time 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(app_management_port "$1")/actuator/health/readiness") == 200 ]]; }

database_url() { echo "jdbc:postgresql://127.0.0.1:${PG_PORT[1]},127.0.0.1:${PG_PORT[2]}/${1:-enverify}?targetServerType=primary"; }

# The environment every Enverify process (and the CLI) gets; the role and ports are added per process.
enverify_env() {
    echo ENVERIFY_DATABASE_URL="$(database_url)"
    echo ENVERIFY_DATABASE_USERNAME=enverify
    echo ENVERIFY_DATABASE_PASSWORD=drill
    echo ENVERIFY_DATABASE_MAX_POOL_SIZE=8
    echo ENVERIFY_MASTER_KEYSET="$S/master-keyset.json"
    echo ENVERIFY_REDIS_URL="redis-sentinel://127.0.0.1:${SENTINEL_PORTS[0]},127.0.0.1:${SENTINEL_PORTS[1]},127.0.0.1:${SENTINEL_PORTS[2]}#drillmaster"
    echo ENVERIFY_RABBITMQ_URL="$RABBITMQ_URL"
    echo ENVERIFY_RABBITMQ_EXCHANGE="$EXCHANGE"
    echo ENVERIFY_SHUTDOWN_DRAIN_DELAY=5s
    echo ENVERIFY_RATE_LIMIT_DEVICE_API=1000000/1s
    echo ENVERIFY_RATE_LIMIT_ADMIN_API=1000000/1s
    echo ENVERIFY_RATE_LIMIT_UI_ANONYMOUS=1000000/1s
    echo ENVERIFY_RATE_LIMIT_UI=1000000/1s
    echo ENVERIFY_RATE_LIMIT_SIGN_IN=1000000/1s
    echo ENVERIFY_RATE_LIMIT_SIGN_IN_ADDRESS=1000000/1s
    echo ENVERIFY_RATE_LIMIT_SIGN_IN_ACCOUNT=1000000/1s
    echo ENVERIFY_TRACE_SAMPLING=0
    # a job held by a dead worker is taken over after six heartbeats: 30 s here instead of 3 min
    echo ENVERIFY_WORKER_HEARTBEAT=5s
    echo JAVA_TOOL_OPTIONS="$JVM_OPTIONS"
    # set by rolling_restart: the drill's expand-only migration beside the product's
    [[ -n "${FLYWAY_LOCATIONS:-}" ]] && echo SPRING_FLYWAY_LOCATIONS="$FLYWAY_LOCATIONS"
    return 0
}

# start_app NAME: as the image's entrypoint does, in the extracted layout with the AOT cache
start_app() {
    local line name role offset
    line=$(app_line "$1"); read -r name role offset <<<"$line"
    mkdir -p "$S/apps/$name"
    local env=()
    mapfile -t env < <(enverify_env)
    (cd "$S/app" && start "$name" env "${env[@]}" ENVERIFY_ROLES="$role" ENVERIFY_DATA_DIR="$S/apps/$name" \
        ENVERIFY_PORT=$((BASE + offset)) ENVERIFY_MANAGEMENT_PORT=$((BASE + offset + 100)) \
        "$JAVA" "${AOT_FLAG[@]}" -jar enverify.jar)
}

wait_ready() { wait_for "Enverify $1" "${2:-240}" app_ready "$1"; }

cli() {
    local env=()
    mapfile -t env < <(enverify_env)
    (cd "$S/app" && env "${env[@]}" ENVERIFY_DATA_DIR="$S/apps/cli" "$JAVA" "${AOT_FLAG[@]}" -jar enverify.jar "$@" 2>>"$S/logs/cli.log")
}

prepare_image_layout() {
    "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$S/app" >"$S/logs/extract.log" 2>&1 \
        || die "could not extract $JAR (see $S/logs/extract.log)"
    AOT_FLAG=()
    # the image trains its AOT cache with one start; so does this, on a scratch database
    local env=()
    mapfile -t env < <(enverify_env)
    # in the background like every process, so that a SIGTERM to this script is acted on at once
    (cd "$S/app" && start aot-training env "${env[@]}" ENVERIFY_DATABASE_URL="$(database_url aot_training)" \
        ENVERIFY_DATA_DIR="$S/apps/aot-training" ENVERIFY_MASTER_KEYSET="$S/apps/aot-training.keyset" \
        ENVERIFY_PORT=0 ENVERIFY_MANAGEMENT_PORT=0 \
        "$JAVA" -XX:AOTCacheOutput=enverify.aot -Dspring.context.exit=onRefresh -jar enverify.jar)
    local deadline=$((SECONDS + 300))
    while alive aot-training && ((SECONDS < deadline)); do sleep 0.5; done
    stop aot-training 5
    if [[ -f "$S/app/enverify.aot" ]]; then
        AOT_FLAG=(-XX:AOTCache=enverify.aot)
    else
        say "AOT cache training failed (see logs/aot-training.log); starting without the cache"
    fi
}

start_enverify() {
    start_app ui-1
    wait_ready ui-1 300   # the first process migrates and creates the master keyset; the others find both
    local app name
    for app in "${APPS[@]:1}"; do
        read -r name _ <<<"$app"
        start_app "$name"
    done
    setup_realm   # while the others start
    for app in "${APPS[@]:1}"; do
        read -r name _ <<<"$app"
        wait_ready "$name" 300
    done
}

# ---------------------------------------------------------------- HAProxy

haproxy_config() {
    local sed_args=(
        -e "s|^\(\s*\)bind :80$|\1bind 127.0.0.1:$HAPROXY_PORT|"
        -e "s|bind 127.0.0.1:8404|bind 127.0.0.1:$HAPROXY_STATS|"
        -e "s|stats socket /run/haproxy/admin.sock|stats socket $S/haproxy.sock|"
        -e "s|acl office src 10.0.0.0/8 192.168.0.0/16|& 127.0.0.0/8|"
        -e "/server ui-2 /d" -e "/server redirect-2 /d"
    )
    local name
    for name in ui-1 device-api-1 device-api-2 admin-api-1 admin-api-2 redirect-1 standby; do
        sed_args+=(-e "s|\(server $name \+\)[0-9.]*:8080 check|\1127.0.0.1:$(app_port "$name") check port $(app_management_port "$name")|")
    done
    sed "${sed_args[@]}" "$ROOT/deploy/haproxy/haproxy.cfg"
}

haproxy_all_up() {
    local states
    states=$(curl -s --max-time 2 "http://127.0.0.1:$HAPROXY_STATS/;csv" | awk -F, '$2 != "FRONTEND" && $2 != "BACKEND" && $1 ~ /^be_/ {print $18}')
    [[ -n "$states" ]] && ! grep -qv '^UP$' <<<"$states"
}

start_haproxy() {
    haproxy_config >"$S/haproxy.cfg"
    if grep -q '10\.0\.1\.' "$S/haproxy.cfg"; then die "the sample HAProxy configuration changed: a server address was not filled in ($S/haproxy.cfg)"; fi
    haproxy -c -q -f "$S/haproxy.cfg" >"$S/logs/haproxy-check.log" 2>&1 || { cat "$S/logs/haproxy-check.log" >&2; die "HAProxy refused the generated configuration"; }
    start haproxy haproxy -db -f "$S/haproxy.cfg"
    wait_for "HAProxy with every server UP" 60 haproxy_all_up
}

# ---------------------------------------------------------------- the load generator and the ledger

bench_java() { "${BENCH_JAVA[@]}" "$@"; }

setup_realm() {
    REALM=$(cli realm create --name Drills | tail -n 1)
    [[ "$REALM" =~ ^[0-9]+$ ]] || die "the CLI did not create a realm (see $S/logs/cli.log)"
    cli realm set "$REALM" require_date=false allow_bulk_upload=true >/dev/null
    # one ADMIN and one DEVICE key per phase, created at once: each drill's requests, rows and per-key
    # statistics are told apart by key, and no key is created while the processes under test are loaded
    local phase creating=()
    for phase in "${PHASES[@]}"; do
        {
            local admin device
            admin=$(cli apikey create --realm "$REALM" --type admin --name "$phase-admin" | tail -n 1)
            device=$(cli apikey create --realm "$REALM" --type device --name "$phase-device" | tail -n 1)
            printf '%s\n%s\n' "$admin" "$device" >"$S/keys/$phase"
        } &
        creating+=($!)
    done
    cli apikey create --realm "$REALM" --type stats --name drill-stats | tail -n 1 >"$S/keys/stats" &
    creating+=($!)
    # the account of the mix's UI sign-ins: email and generated password, which the generator replaces first
    cli user create-admin --email drill-ui@example.org --name "Drill case worker" | tail -n 1 | tr '\t' '\n' >"$S/keys/ui" &
    creating+=($!)
    if [[ " ${PHASES[*]} " == *" d2 "* ]]; then
        cli apikey create --realm "$REALM" --type admin --name d2-bulk | tail -n 1 >"$S/keys/d2-bulk" &
        creating+=($!)
    fi
    wait "${creating[@]}"
    for phase in "${PHASES[@]}"; do
        [[ $(wc -l <"$S/keys/$phase") == 2 ]] || die "the CLI did not create the keys of phase $phase (see $S/logs/cli.log)"
    done
    [[ $(wc -l <"$S/keys/ui") == 2 ]] || die "the CLI did not create the UI account (see $S/logs/cli.log)"
}

start_traffic() {
    echo warmup >"$S/phase"
    # like a phone's HTTP stack, the generator drops an idle connection before HAProxy does (its
    # "timeout http-keep-alive" is 10 s): a POST sent on a connection that HAProxy is closing at that
    # moment fails without an answer, and the JDK does not resend a POST
    start traffic "${BENCH_JAVA[@]}" -Djdk.httpclient.keepalive.timeout=5 org.enverify.bench.DrillTraffic \
        --url "http://127.0.0.1:$HAPROXY_PORT" --rate "$RATE" --phase-file "$S/phase" --keys "$S/keys" \
        --ledger "$S/ledger.tsv"
    wait_for "the load generator" 60 test -s "$S/ledger.tsv"
}

# ledger_check PHASE DRILL-JSON: checks the phase's ledger against the database and appends the result
ledger_check() {
    local phase=$1
    bench_java org.enverify.bench.DrillLedger --ledger "$S/ledger.tsv" --phase "$phase" \
        --jdbc "$(database_url)" --user enverify --password drill --realm "$REALM" \
        --keys "$S/keys/$phase" --window "$S/windows/$phase" --stats-key "$(cat "$S/keys/stats")" \
        --url "http://127.0.0.1:$HAPROXY_PORT" "${@:2}"
}

# ---------------------------------------------------------------- drills

# The drill's window: from its fault to its end; the ledger check reads the requests due inside.
mark() { echo "$1 $(now_ms)" >>"$S/windows/$PHASE"; }

begin_phase() {
    PHASE=$1
    : >"$S/windows/$PHASE"
    echo "$PHASE" >"$S/phase"
    sleep 3   # requests of the phase before finish and their statistics reach the database
    mark start
}

# run_drill NAME TITLE FUNCTION: runs FUNCTION under DRILL_TIMEOUT, then the ledger check of its phase
run_drill() {
    local phase=$1 title=$2 fn=$3 checks=$4 note="" status=0
    say "drill $phase: $title"
    begin_phase "$phase"
    NOTE_FILE="$S/windows/$phase.note"; : >"$NOTE_FILE"
    # the drill runs in a subshell with a time limit; whatever it started is in $S/pids, stopped at the end
    ( "$fn" ) 2>"$NOTE_FILE.err" & local drill=$!
    local deadline=$((SECONDS + DRILL_TIMEOUT))
    while kill -0 "$drill" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            kill -TERM "$drill" 2>/dev/null || true
            sleep 1
            kill -KILL "$drill" 2>/dev/null || true
            echo "drill hung: no end within ${DRILL_TIMEOUT}s" >>"$NOTE_FILE"
            status=124
            break
        fi
        sleep 1
    done
    if ((status == 0)); then wait "$drill" || status=$?; else wait "$drill" 2>/dev/null || true; fi
    mark end
    sed -n 's/^run\.sh: //p' "$NOTE_FILE.err" >>"$NOTE_FILE"
    echo warmup >"$S/phase"
    sleep 5   # the phase's last requests finish and their counts reach the database
    note=$(paste -sd '|' "$NOTE_FILE" | sed 's/|/; /g')
    # shellcheck disable=SC2086
    if ! ledger_check "$phase" --title "$title" --drill-status "$status" --note "$note" $checks >>"$S/results.jsonl" 2>>"$S/logs/ledger.log"; then
        echo "{\"drill\":\"$phase\",\"title\":\"$title\",\"failedRequests\":-1,\"maxLatencyMs\":-1,\"recoverySeconds\":-1,\"ledger\":\"ERROR\",\"pass\":false,\"note\":\"ledger check did not run (logs/ledger.log)\"}" >>"$S/results.jsonl"
    fi
    local last; last=$(tail -n 1 "$S/results.jsonl")
    if [[ $(jq -r .pass <<<"$last") != true ]]; then FAILED=1; fi
    say "  $(jq -r '"failed \(.failedRequests), max latency \(.maxLatencyMs) ms, recovery \(.recoverySeconds) s, ledger \(.ledger)\(if .note != "" then " - " + .note else "" end)"' <<<"$last")"
}

note() { echo "$*" >>"$NOTE_FILE"; }

# Each drill function runs in a subshell: it records notes and marks, returns non-zero when its own
# expectation (beyond the ledger) failed.

drill_device_api_killed() {
    sleep 5
    mark fault
    kill -KILL "$(pid_of device-api-1)"
    local t0=$SECONDS
    wait_for "HAProxy taking device-api-1 out" 30 sh -c "curl -s 'http://127.0.0.1:$HAPROXY_STATS/;csv' | grep -q '^be_device_api,device-api-1,.*,DOWN,'"
    note "HAProxy took it out after $((SECONDS - t0)) s"
    sleep 5
    start_app device-api-1
    wait_ready device-api-1 240
    wait_for "HAProxy bringing device-api-1 back" 60 haproxy_all_up
    note "restarted, back in HAProxy after $((SECONDS - t0)) s"
    mark recovered
    sleep 5
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

drill_worker_killed() {
    local admin i; admin=$(cat "$S/keys/d2-bulk")
    {
        echo "phone,testType,symptomDate,testDate,externalIssuerID"
        # every bulk line needs a phone; the drill realm's SMS go to the default provider, which only logs
        for ((i = 0; i < 5000; i++)); do printf '+1206200%04d,confirmed,,,\n' "$i"; done
    } >"$S/bulk.csv"
    local answer id
    answer=$(curl -sS --max-time 60 -H "X-API-Key: $admin" -F "file=@$S/bulk.csv;type=text/csv" "http://127.0.0.1:$HAPROXY_PORT/api/v1/bulk-issues")
    id=$(jq -r .id <<<"$answer" 2>/dev/null || true)
    [[ -n "$id" && "$id" != null ]] || { note "bulk upload refused: $(head -c 300 <<<"$answer")"; return 1; }
    local status pending=5000
    for ((i = 0; i < 600; i++)); do
        status=$(curl -s --max-time 5 -H "X-API-Key: $admin" "http://127.0.0.1:$HAPROXY_PORT/api/v1/bulk-issues/$id")
        pending=$(jq -r .pending <<<"$status" 2>/dev/null || echo 5000)
        [[ "$pending" =~ ^[0-9]+$ ]] && ((pending < 4500)) && break
        sleep 0.2
    done
    # the worker running the job is the busier of the two
    local a1 a2 victim=worker-1
    a1=$(cpu_ticks "$(pid_of worker-1)"); a2=$(cpu_ticks "$(pid_of worker-2)")
    sleep 1
    (($(cpu_ticks "$(pid_of worker-2)") - a2 > $(cpu_ticks "$(pid_of worker-1)") - a1)) && victim=worker-2
    mark fault
    kill -KILL "$(pid_of "$victim")"
    note "$victim (the busier worker) killed with $pending of 5000 rows pending"
    local t0=$SECONDS
    for ((i = 0; i < 600; i++)); do
        status=$(curl -s --max-time 5 -H "X-API-Key: $admin" "http://127.0.0.1:$HAPROXY_PORT/api/v1/bulk-issues/$id")
        [[ $(jq -r .pending <<<"$status" 2>/dev/null) == 0 ]] && break
        sleep 0.5
    done
    mark recovered
    local rows distinct
    rows=$(psql_primary -d enverify -c "SELECT count(*) FROM verification_codes c JOIN api_keys k ON k.realm_id = c.realm_id AND k.id = c.issuing_api_key_id WHERE k.realm_id = $REALM AND k.name = 'd2-bulk'")
    distinct=$(psql_primary -d enverify -c "SELECT count(DISTINCT code_uuid) FROM bulk_issue_rows WHERE realm_id = $REALM AND bulk_id = '$id' AND status = 'issued'")
    note "job $(jq -c '{status, issued, failed, pending}' <<<"$status" 2>/dev/null) $((SECONDS - t0)) s after the kill; codes stored for its key: $rows, rows issued: $distinct"
    start_app "$victim"
    wait_ready "$victim" 240
    [[ $(jq -r .pending <<<"$status") == 0 && $(jq -r .issued <<<"$status") == 5000 && "$rows" == 5000 && "$distinct" == 5000 ]]
}

drill_primary_killed() {
    local old new
    old=$(primary_node) || { note "no primary before the drill"; return 1; }
    sync_standby_is $((3 - old)) || { note "pg$((3 - old)) was not the synchronous standby"; return 1; }
    sleep 5
    mark fault
    kill -KILL "$(postmaster_pid "$old")"
    local t0=$SECONDS
    wait_for "Patroni promoting the standby" 60 node_is $((3 - old)) primary
    new=$(primary_node)
    note "pg$old postmaster killed; Patroni promoted pg$new after $((SECONDS - t0)) s"
    # no Enverify process is restarted: the pools' connections land on the new primary
    sleep 20
}

drill_primary_back() {
    local old new
    new=$(primary_node) || { note "no primary"; return 1; }
    old=$((3 - new))
    wait_for "pg$old rejoining as synchronous standby" 180 sync_standby_is "$old"
    note "pg$old (the old primary) rejoined as synchronous standby"
    sleep 5
    mark fault
    kill -KILL "$(postmaster_pid "$new")"
    local t0=$SECONDS
    wait_for "Patroni failing back to pg$old" 60 node_is "$old" primary
    note "failed back to pg$old after $((SECONDS - t0)) s"
    sleep 20
    wait_for "pg$new rejoining as synchronous standby" 180 sync_standby_is "$new"
    note "pg$new rejoined as synchronous standby"
}

drill_redis_master_killed() {
    local master; master=$(redis_master_port)
    local name=redis-1; [[ "$master" == "${REDIS_PORT[2]}" ]] && name=redis-2
    sleep 5
    mark fault
    kill -KILL "$(pid_of "$name")"
    local t0=$SECONDS
    wait_for "Sentinel promoting the replica" 60 redis_master_moved_from "$master"
    note "$name (master) killed; Sentinel promoted port $(redis_master_port) after $((SECONDS - t0)) s"
    sleep 5
    # shared limits resume: the processes run their bucket scripts on the new master again
    local i before
    for ((i = 0; i < 40; i++)); do
        before=$(bucket_scripts "$(redis_master_port)")
        sleep 1
        if (($(bucket_scripts "$(redis_master_port)") > before)); then
            note "rate-limit buckets drawn on the new master $((SECONDS - t0)) s after the kill"
            mark recovered
            sleep 5
            return 0
        fi
        sleep 0.5
    done
    note "no rate-limit bucket on the new master"
    return 1
}

drill_broker_stopped() {
    local events="$S/windows/$PHASE.events"
    : >"$events"
    start event-tap "${BENCH_JAVA[@]}" "$HERE/EventTap.java" "$RABBITMQ_URL" "$EXCHANGE" "enverify.drills.tap" "$events"
    wait_for "the event tap" 120 grep -qx ready "$S/logs/event-tap.log"
    local since; since=$(psql_primary -d enverify -c "SELECT now()")
    sleep 5
    mark fault
    STARTED_RABBIT_STOP=1
    rabbitmqctl stop_app >/dev/null
    note "RabbitMQ stopped for 60 s"
    sleep 60
    rabbitmqctl start_app >/dev/null
    rabbitmqctl await_startup >/dev/null
    STARTED_RABBIT_STOP=0
    mark recovered
    local until; until=$(psql_primary -d enverify -c "SELECT now()")
    # every event of the window reaches the tap once the relay has caught up (or the drill's time runs out)
    local expected="$S/windows/$PHASE.expected" t0=$SECONDS i
    for ((i = 0; i < 120; i++)); do
        psql_primary -d enverify -c "SELECT id FROM events WHERE realm_id = $REALM AND occurred_at BETWEEN '$since' AND '$until'" | sort >"$expected"
        sort -u "$events" | comm -23 "$expected" - >"$expected.missing"
        [[ -s "$expected.missing" ]] || break
        sleep 1
    done
    stop event-tap 5
    local total distinct missing unpublished
    total=$(wc -l <"$events"); distinct=$(sort -u "$events" | wc -l); missing=$(wc -l <"$expected.missing")
    unpublished=$(psql_primary -d enverify -c "SELECT count(*) FROM events WHERE realm_id = $REALM AND occurred_at BETWEEN '$since' AND '$until' AND published_at IS NULL")
    note "$(wc -l <"$expected") events in the window, $missing never arrived, $unpublished unpublished, all arrived $((SECONDS - t0)) s after the restart; $total deliveries of $distinct event ids ($((total - distinct)) duplicates, told apart by event id)"
    [[ "$missing" == 0 && "$unpublished" == 0 ]]
}

drill_rolling_restart() {
    mkdir -p "$S/migration"
    cp "$HERE/migration/"*.sql "$S/migration/"
    local app name i=0
    for app in "${APPS[@]}"; do
        read -r name _ <<<"$app"
        i=$((i + 1))
        # from the middle on, the restarted processes carry the expand-only migration; the first of them applies it
        if ((i == ${#APPS[@]} / 2 + 1)); then
            export FLYWAY_LOCATIONS="classpath:db/migration,filesystem:$S/migration"
            mark migration
        fi
        ((i == 1)) && mark fault
        stop "$name" 60
        start_app "$name"
        wait_ready "$name" 240
        # HAProxy needs rise x inter to bring it back before the next one goes
        wait_for "HAProxy with every server UP after $name" 60 haproxy_all_up
    done
    mark recovered
    local applied
    applied=$(psql_primary -d enverify -c "SELECT count(*) FROM flyway_schema_history WHERE script LIKE 'V9000%' AND success")
    note "every process restarted one at a time; drill migration applied: $applied"
    [[ "$applied" == 1 ]]
}

# ---------------------------------------------------------------- results

# results_table JSON: the Markdown table of a results file
results_table() {
    echo "| Drill | Failed requests | Max latency | Recovery | Ledger check | Drill passed | Note |"
    echo "|---|---|---|---|---|---|---|"
    jq -r '.drills[] | "| \(.drill) \(.title) | \(.failedRequests) of \(.requests) | \(.maxLatencyMs) ms | \(.recoverySeconds) s | \(.ledger) | \(if .pass then "yes" else "NO" end) | \(.note) |"' "$1"
}

write_results() {
    mkdir -p "$RESULTS"
    local stamp; stamp=$(date -u +%Y%m%d-%H%M%S)
    local kind=full; ((QUICK)) && kind=quick
    local md="$RESULTS/drills-$stamp-$kind.md" json="$RESULTS/drills-$stamp-$kind.json"
    jq -s --arg run "$kind" --arg at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --argjson rate "$RATE" \
        --arg commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
        '{run: $run, at: $at, commit: $commit, ratePerSecond: $rate, drills: .}' "$S/results.jsonl" >"$json"
    {
        echo "# Failure drills ($kind run, $(date -u +%Y-%m-%d), commit $(jq -r .commit "$json"), $RATE req/s)"
        echo
        results_table "$json"
    } >"$md"
    echo
    cat "$md"
    echo
    say "written: ${md#"$ROOT/"} and ${json#"$ROOT/"}"
}

# ---------------------------------------------------------------- main

trap cleanup EXIT
trap 'exit 130' INT TERM

preflight
S=$(mktemp -d /tmp/enverify-drills.XXXXXX)
chmod 755 "$S"
mkdir -p "$S/logs" "$S/pids" "$S/keys" "$S/windows" "$S/apps"
: >"$S/results.jsonl"
BENCH_JAVA=("$JAVA" -Xmx384m -XX:TieredStopAtLevel=1 -cp "$BENCH_CLASSES:$S/app/lib/*")
say "scratch directory $S, ports from $BASE"

if ((QUICK)); then
    PHASES=(warmup d1 d3 d6)
else
    PHASES=(warmup d1 d2 d3 d7 d4 d5 d6)
fi

say "starting etcd and PostgreSQL with Patroni (synchronous_mode on)"
start_postgres_cluster
say "starting Redis with Sentinel"
start_redis
say "laying out the jar as the image does and training its AOT cache"
prepare_image_layout
say "starting 9 Enverify processes (and creating the drill realm and its keys with the CLI meanwhile)"
start_enverify
say "starting HAProxy with deploy/haproxy/haproxy.cfg"
start_haproxy
say "starting the open-loop mix at $RATE requests/s"
start_traffic
sleep 20

declare -A TITLES=(
    [d1]="kill -9 a device-api"
    [d2]="kill -9 a worker in a 5,000-row bulk job"
    [d3]="kill -9 the PostgreSQL primary"
    [d7]="old primary rejoins, failover back"
    [d4]="kill -9 the Redis master"
    [d5]="RabbitMQ stopped for 60 s"
    [d6]="rolling restart with a migration"
)
declare -A FUNCTIONS=(
    [d1]=drill_device_api_killed
    [d2]=drill_worker_killed
    [d3]=drill_primary_killed
    [d7]=drill_primary_back
    [d4]=drill_redis_master_killed
    [d5]=drill_broker_stopped
    [d6]=drill_rolling_restart
)
# what each drill must show besides its own checks: failed requests only those in flight on the killed
# process, none at all, or service back within 30 s; counts a killed process had not written are reported
declare -A CHECKS=(
    [d1]="--expect in-flight --counts-may-be-lost 1"
    [d2]="--expect none"
    [d3]="--max-recovery 30"
    [d7]="--max-recovery 30"
    [d4]="--expect none"
    [d5]="--expect none"
    [d6]="--expect none"
)
for phase in "${PHASES[@]:1}"; do
    run_drill "$phase" "${TITLES[$phase]}" "${FUNCTIONS[$phase]}" "${CHECKS[$phase]}"
done
echo done >"$S/phase"
write_results
((FAILED == 0)) || { echo "run.sh: at least one drill failed (see the table)" >&2; exit 1; }
say "every drill passed"
