# Shared by k8s/images/smoke and k8s/images/train: run the service images against the machine's
# PostgreSQL as the chart does (a database per service provisioned by the image itself, migrated by the
# owner role, then the four containers with migrations off), on the host network. Source it after
# setting run_id (names databases and containers) and optionally prefix (clinic_smoke, clinic_train).
pg_host=${CLINIC_TEST_PG_HOST:-127.0.0.1}
pg_port=${CLINIC_TEST_PG_PORT:-5432}
pg_user=${CLINIC_TEST_PG_USER:-postgres}
export PGPASSWORD=${CLINIC_TEST_PG_PASSWORD:-}
prefix=${prefix:-clinic_smoke}
podman=(podman --runtime runc)
# podman without systemd says it cannot schedule health checks: the scripts run them themselves
quiet() { "$@" 2> >(grep -v 'unable to get systemd connection' >&2); }
# what works on this kind of machine (../shared/ENVIRONMENT.md), plus the chart's pod security
run_opts=(--network=host --ulimit nofile=4096:4096 --ulimit nproc=4000:4000 --read-only --tmpfs /tmp
  --user 10001:10001 --cap-drop=ALL --security-opt no-new-privileges --health-interval=disable)
declare -A port=([gateway]=18180 [patients-service]=18181 [doctors-service]=18182 [consultations-service]=18183)
pooler_port=18190
pooled=false   # the smoke sets it once its pooler runs: start_container then points the services at it
modules=(gateway patients-service doctors-service consultations-service)
containers=()
databases=()
gw="http://127.0.0.1:${port[gateway]}"
phi_key=$(head -c 32 /dev/urandom | base64)

container_name() { echo "${prefix//_/-}-$1-$run_id"; } # module -> its container in this run

psql_admin() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qAt "$@"; }

remove_containers_and_databases() { # the EXIT trap's part; prints the containers' last lines when failing
  local rc=$1 c db
  if (( rc != 0 )); then
    for c in "${containers[@]}"; do
      echo "----- last lines of $c -----" >&2
      "${podman[@]}" logs --tail 30 "$c" 2>&1 | cut -c1-400 >&2 || true
    done
  fi
  for c in "${containers[@]}"; do "${podman[@]}" rm -f "$c" >/dev/null 2>&1 || true; done
  for db in "${databases[@]}"; do psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
}

db_env() { # module -> the service's database settings, as the chart's ConfigMap gives them
  local db="${prefix}_${1%-service}_$run_id"
  echo "DB_JDBC_URL=jdbc:postgresql://$pg_host:$pg_port/$db"
  if $pooled; then
    echo "DB_REACTIVE_URL=postgresql://127.0.0.1:$pooler_port/$db?sslmode=disable"
    echo "DB_TRANSACTION_POOLER=true"
    [[ "$1" == doctors-service ]] && echo "DB_LISTEN_URL=postgresql://$pg_host:$pg_port/$db"
  else
    echo "DB_REACTIVE_URL=postgresql://$pg_host:$pg_port/$db"
  fi
  echo "DB_USER=${prefix}_app"
  echo "DB_PASSWORD=images-app-password"
  echo "DB_MIGRATION_USER=${prefix}_owner"
}

provision_and_migrate() { # module image: the chart's Job, from the service's own image
  local m=$1 image=$2 db env_file applied
  db="${prefix}_${m%-service}_$run_id"
  databases+=("$db")
  env_file=$(mktemp); db_env "$m" >"$env_file"
  # the Job's first step: the database and its roles, as the admin
  quiet "${podman[@]}" run --rm "${run_opts[@]}" --env-file "$env_file" \
    -e DB_HOST="$pg_host" -e DB_PORT="$pg_port" -e DB_SSLMODE=disable -e DB_NAME="$db" \
    -e DB_ADMIN_USER="$pg_user" -e DB_ADMIN_PASSWORD="$PGPASSWORD" -e DB_MIGRATION_PASSWORD=images-owner-password \
    --entrypoint java "$image" -cp '/deployments/lib/main/*' org.clinic.dbroles.Provision \
    || fail "$m: provisioning its database"
  # the Job's second step: migrate as the owner, then exit
  quiet "${podman[@]}" run --rm "${run_opts[@]}" --env-file "$env_file" -e CLINIC_PHI_KEY="$phi_key" \
    -e DB_MIGRATE_AT_START=true -e DB_MIGRATION_PASSWORD=images-owner-password -e QUARKUS_INIT_AND_EXIT=true \
    "$image" >"/tmp/$prefix-migrate-$m.log" 2>&1 || { tail -20 "/tmp/$prefix-migrate-$m.log" >&2; fail "$m: migrations"; }
  rm -f "$env_file"
  applied=$(psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$db" -qAt \
    -c "select count(*) from flyway_schema_history where success")
  (( applied > 0 )) || fail "$m: no migration recorded"
  log "$m: database provisioned and migrated ($applied migrations) by its image, which then exited"
}

start_container() { # module image [podman run options...]: the pod, migrations off
  local m=$1 image=$2 env_file name
  name=$(container_name "$m")
  shift 2
  env_file=$(mktemp); db_env "$m" >"$env_file"
  quiet "${podman[@]}" run -d --name "$name" "${run_opts[@]}" --env-file "$env_file" \
    -e PORT="${port[$m]}" -e DB_MIGRATE_AT_START=false -e CLINIC_JWT_PUBLIC_KEYS="$gw/.well-known/jwks.json" \
    -e CLINIC_GATEWAY_URL="$gw" -e CLINIC_PATIENTS_URL="http://127.0.0.1:${port[patients-service]}" \
    -e CLINIC_DOCTORS_URL="http://127.0.0.1:${port[doctors-service]}" \
    -e CLINIC_CONSULTATIONS_URL="http://127.0.0.1:${port[consultations-service]}" \
    -e CLINIC_PHI_KEY="$phi_key" "$@" "$image" >/dev/null
  containers+=("$name")
  rm -f "$env_file"
}

wait_ready() { # module [since: $EPOCHREALTIME] -> seconds from since until its /q/health/ready answered 200
  local m=$1 name began=${2:-$EPOCHREALTIME} status i
  name=$(container_name "$m")
  for i in $(seq 1 1200); do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port[$m]}/q/health/ready" || true)
    [[ "$status" == 200 ]] && break
    if (( i % 10 == 0 )) && [[ "$("${podman[@]}" inspect -f '{{.State.Running}}' "$name")" != true ]]; then
      fail "$m exited"
    fi
    sleep 0.1
  done
  [[ "$status" == 200 ]] || fail "$m not ready after 120 s"
  awk -v a="$began" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}

demo_login() { # -> "access clinic_id" of the demo admin (the gateway runs with CLINIC_DEMO_SEED=true)
  local login access clinic
  login=$(curl -sf -X POST "$gw/api/v1/auth/token/" -H 'Content-Type: application/json' \
    -d '{"username":"demo-admin","password":"demo-clinic-2026"}') || fail "login through the gateway image"
  access=$(sed -E 's/.*"access":"([^"]+)".*/\1/' <<<"$login")
  clinic=$(sed -E 's/.*"clinic_id":([0-9]+).*/\1/' <<<"$login")
  [[ -n "$access" && "$clinic" =~ ^[0-9]+$ ]] || fail "no token in the login answer"
  echo "$access $clinic"
}
