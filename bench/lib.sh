# Shared by the bench scripts: start the built suite on ports 18080–18083 against bench_* databases
# (dropped again on exit), wait for readiness, call the API. Source it after setting $root.
work="$root/bench/.work"
mkdir -p "$work" "$root/bench/results"
export PGPASSWORD="${PGPASSWORD:-}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
[[ "${BENCH_REDIS:-on}" == off ]] && redis_url=""

command -v wrk >/dev/null || { [[ $(id -u) == 0 ]] && apt-get install -y -q wrk >/dev/null; } \
  || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
for m in gateway patients-service doctors-service consultations-service; do
  [[ -f "$root/$m/target/quarkus-app/quarkus-run.jar" ]] || { (cd "$root" && ./mvnw -B -q install -DskipTests); break; }
done

java_run=java
[[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]] && java_run=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[[ -f "$work/jwt-private.pem" ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt-private.pem" 2>/dev/null
phi_key="$(head -c 32 /dev/urandom | base64)"
operator_password=Quiet-Meter-Root-2026

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for db in gateway patients doctors consultations; do
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS bench_$db" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

psql_bench() { # db sql
  psql -h 127.0.0.1 -U postgres -d "bench_$1" -v ON_ERROR_STOP=1 -qAt -c "$2"
}

start() { # module port db
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS bench_$3" -c "CREATE DATABASE bench_$3" >/dev/null 2>&1
  env QUARKUS_HTTP_PORT="$2" \
      DB_REACTIVE_URL="postgresql://127.0.0.1:5432/bench_$3" DB_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/bench_$3" \
      DB_USER=postgres DB_PASSWORD="" \
      CLINIC_PATIENTS_URL=http://127.0.0.1:18081 CLINIC_DOCTORS_URL=http://127.0.0.1:18082 \
      CLINIC_CONSULTATIONS_URL=http://127.0.0.1:18083 CLINIC_GATEWAY_URL=http://127.0.0.1:18080 \
      CLINIC_JWT_PRIVATE_KEY_LOCATION="$work/jwt-private.pem" \
      CLINIC_JWT_PUBLIC_KEYS="http://127.0.0.1:18080/.well-known/jwks.json" \
      CLINIC_SUPERUSER_USERNAME=bench-operator CLINIC_SUPERUSER_PASSWORD="$operator_password" \
      CLINIC_PHI_KEY="$phi_key" \
      RATE_LIMIT_ANONYMOUS_PER_HOUR=100000000 RATE_LIMIT_USER_PER_HOUR=100000000 \
      RATE_LIMIT_CLINIC_PER_HOUR=100000000 REDIS_URL="$redis_url" \
      CLINIC_RATE_LIMIT_KEY_PREFIX="bench-$(date +%s)" \
      QUARKUS_LOG_CATEGORY__ORG_CLINIC_ACCESS__LEVEL=WARN \
      "$java_run" -XX:+UseSerialGC -Xmx512m -Djava.io.tmpdir="$work" \
      ${BENCH_JFR:+-XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=filename=$work/$1.jfr,settings=profile} \
      -jar "$root/$1/target/quarkus-app/quarkus-run.jar" >"$work/$1.log" 2>&1 &
  pids+=($!)
}

ready() {
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$1/q/health/ready" >/dev/null && return 0
    sleep 0.5
  done
  echo "port $1 never became ready (see bench/.work/*.log)" >&2; exit 1
}

start_suite() {
  start gateway 18080 gateway; ready 18080
  start patients-service 18081 patients
  start doctors-service 18082 doctors
  start consultations-service 18083 consultations
  ready 18081; ready 18082; ready 18083
}

json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }
post() { curl -sf -X POST "$1" -H 'Content-Type: application/json' ${3:+-H "Authorization: Bearer $3"} -d "$2"; }
operator_token() {
  post http://127.0.0.1:18080/api/v1/auth/token/ "{\"username\":\"bench-operator\",\"password\":\"$operator_password\"}" \
    | json "['data']['access']"
}

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v } else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 } }'; }
