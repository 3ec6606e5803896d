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
PORT: "8080"
DB_REACTIVE_URL: {{ printf "postgresql://%s" $hostPort | quote }}
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
