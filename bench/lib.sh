# Shared by the bench scripts: start the built suite on ports 18080–18083 against bench_* databases
# (dropped again on exit), wait for readiness, call the API. Source it after setting $root.
# Each database is provisioned as in production (devdb ensure: an owner role that migrates, a run-time
# role under row-level security). A script may start a second suite: set suite_root (a checkout with
# built jars), port_base and db_prefix, and legacy_roles=true for a build from before the roles existed.
# BENCH_SUITE_ROOT takes the jars (and devdb) from another checkout's build instead of building this one.
# start = provision (a fresh database) + launch (the process; jvm_opts and extra JVM arguments), so a
# script can start the same service again and again on its database (bench/startup/run does).
work="$root/bench/.work"
mkdir -p "$work" "$root/bench/results"
export PGPASSWORD="${PGPASSWORD:-}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
[[ "${BENCH_REDIS:-on}" == off ]] && redis_url=""

# a script that doesn't load-test sets needs_wrk=false before sourcing this
[[ "${needs_wrk:-true}" != true ]] || command -v wrk >/dev/null || { [[ $(id -u) == 0 ]] && apt-get install -y -q wrk >/dev/null; } \
  || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
suite_root="${BENCH_SUITE_ROOT:-$root}"
devdb_jar="$suite_root/devdb/target/devdb-1.0.0-SNAPSHOT.jar"
for m in gateway patients-service doctors-service consultations-service; do
  [[ -f "$suite_root/$m/target/quarkus-app/quarkus-run.jar" && -f "$devdb_jar" ]] \
    || { (cd "$suite_root" && ./mvnw -B -q install -DskipTests); break; }
done

java_run=java
[[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]] && java_run=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[[ -f "$work/jwt-private.pem" ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt-private.pem" 2>/dev/null
phi_key="$(head -c 32 /dev/urandom | base64)"
operator_password=Quiet-Meter-Root-2026

port_base=18080; db_prefix=bench; legacy_roles=false
pids=()
created_dbs=()
# BENCH_POOLER=pgbouncer: the services' run-time connections go through a PgBouncer in transaction mode
# (Debian's package, port 16432), as an install behind a pooler runs them (issue 29, docs/operations.md "A pooler
# in transaction mode"): DB_TRANSACTION_POOLER=true, LISTEN (DB_LISTEN_URL) and Flyway straight to PostgreSQL.
# BENCH_POOLER_SERVER_CONNECTIONS (8): the pooler's server connections per database, fewer than a pool's 20.
pooler="${BENCH_POOLER:-}"
pooler_port=16432
pooler_server_connections="${BENCH_POOLER_SERVER_CONNECTIONS:-8}"
pooler_pid=""
pooler_dir=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -z "$pooler_pid" ]] || kill "$pooler_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  [[ -z "$pooler_dir" ]] || rm -rf "$pooler_dir"   # its ini, users and log
  for db in "${created_dbs[@]}"; do
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

psql_bench() { # db sql
  psql -h 127.0.0.1 -U postgres -d "${db_prefix}_$1" -v ON_ERROR_STOP=1 -qAt -c "$2"
}

jvm_opts=(-XX:+UseSerialGC "-Xmx${BENCH_XMX:-512m}")   # BENCH_XMX: each JVM's heap limit
start() { # module port db
  provision "$3"
  launch "$@"
}

provision() { # db: a fresh, empty ${db_prefix}_<db> (dropped on exit)
  local db="${db_prefix}_$1"
  created_dbs+=("$db")
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
  if $legacy_roles; then
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db" >/dev/null
  else
    "$java_run" -jar "$devdb_jar" ensure 127.0.0.1 5432 postgres "$db:bench_owner:bench_app" \
      >>"$work/devdb.log" 2>&1 || { echo "could not provision $db (bench/.work/devdb.log)" >&2; exit 1; }
  fi
}

launch() { # module port db [JVM arguments...]: start the service in the background (pid: last of $pids)
  local module="$1" port="$2" db="${db_prefix}_$3" credentials
  shift 3
  if $legacy_roles; then
    credentials=(DB_USER=postgres DB_PASSWORD="")
  else
    credentials=(DB_USER=bench_app DB_PASSWORD=bench-app DB_MIGRATION_USER=bench_owner DB_MIGRATION_PASSWORD=bench-owner)
  fi
  local connections=(DB_REACTIVE_URL="postgresql://127.0.0.1:5432/$db")
  [[ -z "$pooler_pid" ]] || connections=(DB_REACTIVE_URL="postgresql://127.0.0.1:$pooler_port/$db"
    DB_TRANSACTION_POOLER=true DB_LISTEN_URL="postgresql://127.0.0.1:5432/$db")
  set -- "$module" "$port" "$@"
  env QUARKUS_HTTP_PORT="$2" "${connections[@]}" DB_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$db" \
      "${credentials[@]}" \
      CLINIC_PATIENTS_URL=http://127.0.0.1:$((port_base + 1)) CLINIC_DOCTORS_URL=http://127.0.0.1:$((port_base + 2)) \
      CLINIC_CONSULTATIONS_URL=http://127.0.0.1:$((port_base + 3)) CLINIC_GATEWAY_URL=http://127.0.0.1:$port_base \
      CLINIC_JWT_PRIVATE_KEY_LOCATION="$work/jwt-private.pem" \
      CLINIC_JWT_PUBLIC_KEYS="http://127.0.0.1:$port_base/.well-known/jwks.json" \
      CLINIC_SUPERUSER_USERNAME=bench-operator CLINIC_SUPERUSER_PASSWORD="$operator_password" \
      CLINIC_PHI_KEY="$phi_key" \
      RATE_LIMIT_ANONYMOUS_PER_HOUR=100000000 RATE_LIMIT_USER_PER_HOUR=100000000 \
      RATE_LIMIT_CLINIC_PER_HOUR=100000000 REDIS_URL="$redis_url" \
      CLINIC_RATE_LIMIT_KEY_PREFIX="bench-$(date +%s)" \
      QUARKUS_LOG_CATEGORY__ORG_CLINIC_ACCESS__LEVEL=WARN \
      "$java_run" "${jvm_opts[@]}" -Djava.io.tmpdir="$work" \
      ${BENCH_JFR:+-XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=filename=$work/$1-$2.jfr,settings=profile} \
      "${@:3}" -jar "$suite_root/$1/target/quarkus-app/quarkus-run.jar" >"$work/$1-$2.log" 2>&1 &
  pids+=($!)
}

ready() {
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$1/q/health/ready" >/dev/null && return 0
    sleep 0.5
  done
  echo "port $1 never became ready (see bench/.work/*.log)" >&2; exit 1
}

start_pooler() { # BENCH_POOLER=pgbouncer: once, before the first service
  [[ "$pooler" == pgbouncer && -z "$pooler_pid" ]] || return 0
  [[ -x /usr/sbin/pgbouncer ]] || { [[ $(id -u) == 0 ]] && apt-get install -y -q pgbouncer >/dev/null; } \
    || { echo "BENCH_POOLER=pgbouncer needs pgbouncer (apt-get install pgbouncer)" >&2; exit 1; }
  local dir as=()
  dir=$(mktemp -d /tmp/bench-pgbouncer.XXXXXX); chmod 755 "$dir"; pooler_dir=$dir
  printf '"bench_app" ""\n"bench_owner" ""\n"postgres" ""\n' >"$dir/users.txt"
  cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=5432
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $pooler_port
unix_socket_dir =
auth_type = trust
auth_file = $dir/users.txt
pool_mode = transaction
default_pool_size = $pooler_server_connections
max_client_conn = 1000
ignore_startup_parameters = extra_float_digits,options
logfile = $dir/pgbouncer.log
INI
  chmod 644 "$dir"/*
  # PgBouncer refuses to run as root: as root, it runs as postgres (and writes its log in $dir)
  [[ $(id -u) == 0 ]] && { as=(runuser -u postgres --); chown postgres "$dir"; }
  "${as[@]}" /usr/sbin/pgbouncer "$dir/pgbouncer.ini" >"$work/pgbouncer.out" 2>&1 &
  for _ in $(seq 1 50); do
    pooler_pid=$(pgrep -xf "/usr/sbin/pgbouncer $dir/pgbouncer.ini" || true)
    [[ -n "$pooler_pid" ]] && (exec 3<>"/dev/tcp/127.0.0.1/$pooler_port") 2>/dev/null && return 0
    sleep 0.2
  done
  cp "$dir/pgbouncer.log" "$work/pgbouncer.log" 2>/dev/null || true   # the directory goes on exit
  echo "PgBouncer did not start (bench/.work/pgbouncer.log, bench/.work/pgbouncer.out)" >&2; exit 1
}

start_suite() {
  start_pooler
  start gateway "$port_base" gateway; ready "$port_base"
  start patients-service $((port_base + 1)) patients
  start doctors-service $((port_base + 2)) doctors
  start consultations-service $((port_base + 3)) consultations
  ready $((port_base + 1)); ready $((port_base + 2)); ready $((port_base + 3))
}

json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }
post() { curl -sf -X POST "$1" -H 'Content-Type: application/json' ${3:+-H "Authorization: Bearer $3"} -d "$2"; }
operator_token() {
  post "http://127.0.0.1:$port_base/api/v1/auth/token/" "{\"username\":\"bench-operator\",\"password\":\"$operator_password\"}" \
    | json "['data']['access']"
}

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v } else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 } }'; }
