{{/*
The suite's four processes and the calls each makes to the others (README "Services"). The
NetworkPolicies are drawn from `calls`: a path that is not here is refused.
*/}}
{{- define "clinic.components" -}}
gateway:
  image: clinic-gateway
  calls: [patients, doctors, consultations]
patients:
  image: clinic-patients-service
  calls: [gateway, doctors, consultations]
doctors:
  image: clinic-doctors-service
  calls: [gateway, patients]
consultations:
  image: clinic-consultations-service
  calls: [gateway, patients, doctors]
{{- end }}

{{- define "clinic.name" -}}
{{- printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{- define "clinic.selectorLabels" -}}
app.kubernetes.io/name: clinic-platform
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "clinic.labels" -}}
{{ include "clinic.selectorLabels" . }}
app.kubernetes.io/part-of: clinic-platform
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
clinic.example/region: {{ .root.Values.region }}
{{- end }}

{{/* A component's settings: the chart's defaults, overridden by components.<name> */}}
{{- define "clinic.settings" -}}
{{- $own := index .root.Values.components .component | default dict -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) $own) -}}
{{- end }}

{{- define "clinic.image" -}}
{{- $meta := index (fromYaml (include "clinic.components" .root)) .component -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.registry) $meta.image (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end }}

{{- define "clinic.poolerImage" -}}
{{- printf "%s/clinic-pgbouncer:%s" (trimSuffix "/" .Values.image.registry) (.Values.pooler.imageTag | default .Values.image.tag | default .Chart.AppVersion) -}}
{{- end }}

{{- define "clinic.url" -}}
{{- printf "http://%s:8080" (include "clinic.name" .) -}}
{{- end }}

{{/*
A component's non-secret configuration, as KEY: "value" lines: the data of its ConfigMap, and the
environment of its migration Job (which runs before the ConfigMap exists on a first install).
*/}}
{{- define "clinic.config" -}}
{{- $v := .root.Values -}}
{{- $db := index $v.database.names .component -}}
{{- $hostPort := printf "%s:%v/%s?sslmode=%s" $v.database.host $v.database.port $db.database $v.database.sslmode -}}
{{- /* the pods' requests go through the pooler, if any; the migration Job ("direct") never does */ -}}
{{- $mode := ternary "none" $v.pooler.mode (default false .direct) -}}
{{- $served := $hostPort -}}
{{- if eq $mode "bundled" -}}
{{- $served = printf "%s:%v/%s?sslmode=disable" (include "clinic.poolerName" .root) $v.pooler.port $db.database -}}
{{- else if eq $mode "external" -}}
{{- $served = printf "%s:%v/%s?sslmode=%s" $v.pooler.external.host $v.pooler.external.port $db.database $v.pooler.external.sslmode -}}
{{- end -}}
PORT: "8080"
DB_REACTIVE_URL: {{ printf "postgresql://%s" $served | quote }}
{{- if ne $mode "none" }}
DB_TRANSACTION_POOLER: "true"
{{- if eq .component "doctors" }}
# LISTEN needs a session of its own: PostgreSQL itself, one connection per replica
DB_LISTEN_URL: {{ printf "postgresql://%s" $hostPort | quote }}
{{- end }}
{{- end }}
DB_JDBC_URL: {{ printf "jdbc:postgresql://%s" $hostPort | quote }}
DB_USER: {{ $db.app | quote }}
DB_MIGRATION_USER: {{ $db.owner | quote }}
DB_MIGRATE_AT_START: "false"
QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE: {{ $v.database.reactivePoolSize | quote }}
CLINIC_JWT_ISSUER: {{ $v.jwt.issuer | quote }}
{{- if $v.otlp.endpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ $v.otlp.endpoint | quote }}
OTEL_EXPORTER_OTLP_PROTOCOL: {{ $v.otlp.protocol | default "grpc" | quote }}
{{- end }}
{{- $gateway := include "clinic.url" (dict "root" .root "component" "gateway") }}
{{- $patients := include "clinic.url" (dict "root" .root "component" "patients") }}
{{- $doctors := include "clinic.url" (dict "root" .root "component" "doctors") }}
{{- $consultations := include "clinic.url" (dict "root" .root "component" "consultations") }}
{{- if eq .component "gateway" }}
CLINIC_PATIENTS_URL: {{ $patients | quote }}
CLINIC_DOCTORS_URL: {{ $doctors | quote }}
CLINIC_CONSULTATIONS_URL: {{ $consultations | quote }}
CLINIC_JWT_PRIVATE_KEY_LOCATION: /etc/clinic/jwt/active/private-key.pem
{{- if $v.jwt.previousPublicKeys }}
{{- $paths := list }}
{{- range $v.jwt.previousPublicKeys }}{{ $paths = append $paths (printf "/etc/clinic/jwt/previous/%s" .) }}{{ end }}
CLINIC_JWT_PREVIOUS_PUBLIC_KEY_LOCATIONS: {{ join "," $paths | quote }}
{{- end }}
CLINIC_JWT_ACCESS_TOKEN_LIFETIME: {{ $v.jwt.accessTokenLifetime | quote }}
CLINIC_JWT_REFRESH_TOKEN_LIFETIME: {{ $v.jwt.refreshTokenLifetime | quote }}
RATE_LIMIT_ANONYMOUS_PER_HOUR: {{ $v.rateLimits.anonymousPerHour | quote }}
RATE_LIMIT_USER_PER_HOUR: {{ $v.rateLimits.userPerHour | quote }}
RATE_LIMIT_CLINIC_PER_HOUR: {{ $v.rateLimits.clinicPerHour | quote }}
RATE_LIMIT_FAIL_CLOSED: {{ $v.redis.failClosed | quote }}
{{- if and $v.redis.url (not $v.redis.existingSecret) }}
REDIS_URL: {{ $v.redis.url | quote }}
{{- end }}
CORS_ALLOWED_ORIGINS: {{ join "," $v.cors.allowedOrigins | quote }}
{{- if $v.ingress.forwardedHeaders }}
CLINIC_EDGE_TRUSTED_PROXIES: {{ join "," $v.ingress.trustedProxies | quote }}
{{- end }}
{{- else }}
CLINIC_JWT_PUBLIC_KEYS: {{ printf "%s/.well-known/jwks.json" $gateway | quote }}
{{- end }}
{{- if eq .component "patients" }}
CLINIC_DOCTORS_URL: {{ $doctors | quote }}
CLINIC_CONSULTATIONS_URL: {{ $consultations | quote }}
{{- end }}
{{- if eq .component "doctors" }}
CLINIC_GATEWAY_URL: {{ $gateway | quote }}
CLINIC_PATIENTS_URL: {{ $patients | quote }}
{{- end }}
{{- if eq .component "consultations" }}
CLINIC_PATIENTS_URL: {{ $patients | quote }}
CLINIC_DOCTORS_URL: {{ $doctors | quote }}
{{- end }}
{{- end }}

{{/* The secret parts of a component's environment: references only */}}
{{- define "clinic.secretEnv" -}}
{{- $v := .root.Values -}}
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ $v.database.existingSecret | quote }}, key: {{ printf "%s-app-password" .component | quote }}}
{{- if eq .component "patients" }}
- name: CLINIC_PHI_KEY
  valueFrom:
    secretKeyRef: {name: {{ $v.patients.phiKeySecret | quote }}, key: phi-key}
{{- end }}
{{- if eq .component "gateway" }}
{{- if $v.redis.existingSecret }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef: {name: {{ $v.redis.existingSecret | quote }}, key: url}
{{- end }}
{{- if $v.superuserSecret }}
- name: CLINIC_SUPERUSER_USERNAME
  valueFrom:
    secretKeyRef: {name: {{ $v.superuserSecret | quote }}, key: username}
- name: CLINIC_SUPERUSER_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ $v.superuserSecret | quote }}, key: password}
{{- end }}
{{- end }}
{{- end }}

{{- define "clinic.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "clinic.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "clinic.poolerName" -}}
{{- printf "%s-pooler" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/*
The region's PostgreSQL connections at every HPA's maximum (docs/operations.md, "The connection budget"):
- steady: the services' pools (replicas x database.reactivePoolSize, each service), which go to PostgreSQL itself
  without a pooler; with the bundled one, its replicas x 4 databases x (server + reserve connections) instead; with an
  external one, pooler.external.serverConnections (what the operator's pooler opens for these databases);
- doctors-service's LISTEN, one a replica, always;
- on top, the larger of the migration Jobs (Flyway, two connections each, pre-upgrade hooks that end before the
  rollout) and a rollout's extra pods (maxSurge 1 in every Deployment: one more pod's pool per service without a
  pooler, one more pooler replica with the bundled one, one more LISTEN).
*/}}
{{- define "clinic.connectionBudget" -}}
{{- $v := .Values -}}
{{- $clients := 0 -}}
{{- $surgeClients := 0 -}}
{{- range $component, $meta := fromYaml (include "clinic.components" .) -}}
{{- $s := fromYaml (include "clinic.settings" (dict "root" $ "component" $component)) -}}
{{- $clients = add $clients (mul $s.replicas.max $v.database.reactivePoolSize) -}}
{{- $surgeClients = add $surgeClients $v.database.reactivePoolSize -}}
{{- end -}}
{{- $doctors := fromYaml (include "clinic.settings" (dict "root" . "component" "doctors")) -}}
{{- $listen := int $doctors.replicas.max -}}
{{- $migrations := 8 -}}
{{- $perPooler := mul 4 (add $v.pooler.serverConnectionsPerDatabase $v.pooler.reserveConnectionsPerDatabase) -}}
{{- $steady := $clients -}}
{{- $surge := add $surgeClients 1 -}}
{{- if eq $v.pooler.mode "bundled" -}}
{{- $steady = mul $v.pooler.replicas $perPooler -}}
{{- $surge = add $perPooler 1 -}}
{{- else if eq $v.pooler.mode "external" -}}
{{- $steady = int (default 0 $v.pooler.external.serverConnections) -}}
{{- $surge = 1 -}}
{{- end -}}
{{- $extra := max $migrations $surge -}}
servicePools: {{ $clients }}
poolerClients: {{ add $clients $surgeClients }}
steady: {{ $steady }}
listen: {{ $listen }}
extra: {{ $extra }}
postgres: {{ add $steady $listen $extra }}
{{- end }}

{{/*
Refuses to render an install whose budget exceeds database.maxConnections (when given), an external pooler whose
server connections are not given while the budget is checked, and a bundled pooler that cannot take every service
pool on one replica (while the other restarts).
*/}}
{{- define "clinic.checkConnectionBudget" -}}
{{- $v := .Values -}}
{{- $b := fromYaml (include "clinic.connectionBudget" .) -}}
{{- if and (eq $v.pooler.mode "bundled") (gt (int $b.poolerClients) (int $v.pooler.maxClientConnections)) -}}
{{- fail (printf "connection budget: the services' pools open up to %d connections to the pooler (at every autoscaler's maximum, plus a rollout's extra pods), over pooler.maxClientConnections %d: one pooler replica must take them all while another restarts" (int $b.poolerClients) (int $v.pooler.maxClientConnections)) -}}
{{- end -}}
{{- if gt (int $v.database.maxConnections) 0 -}}
{{- if and (eq $v.pooler.mode "external") (eq (int (default 0 $v.pooler.external.serverConnections)) 0) -}}
{{- fail "connection budget: database.maxConnections is set, so pooler.external.serverConnections (what the operator's pooler opens to these four databases) is needed to check it" -}}
{{- end -}}
{{- $room := sub (int $v.database.maxConnections) (int $v.database.superuserReservedConnections) -}}
{{- if gt (int $b.postgres) (int $room) -}}
{{- $what := printf "service pools %d" (int $b.servicePools) -}}
{{- if eq $v.pooler.mode "bundled" -}}{{- $what = printf "the pooler's %d" (int $b.steady) -}}{{- end -}}
{{- if eq $v.pooler.mode "external" -}}{{- $what = printf "the external pooler's %d" (int $b.steady) -}}{{- end -}}
{{- fail (printf "connection budget: at every autoscaler's maximum this install opens %d connections to PostgreSQL (%s, LISTEN %d, the larger of the migrations and a rollout's extra pods %d), over database.maxConnections %d less %d reserved: add a pooler (pooler.mode), lower replicas.max or database.reactivePoolSize, or raise max_connections (docs/operations.md, \"The connection budget\")" (int $b.postgres) $what (int $b.listen) (int $b.extra) (int $v.database.maxConnections) (int $v.database.superuserReservedConnections)) -}}
{{- end -}}
{{- end -}}
{{- end }}
