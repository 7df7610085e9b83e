{{/*
Names, labels and the pod parts every role and the migration Job share.
*/}}

{{- define "enverify.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 40 | trimSuffix "-" }}
{{- end }}

{{/*
<release>-<chart>, cut to 40 characters so "<fullname>-device-api-<hash>-<hash>" stays a valid name.
*/}}
{{- define "enverify.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "enverify.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every resource. Call with the root context.
*/}}
{{- define "enverify.labels" -}}
helm.sh/chart: {{ include "enverify.chart" . }}
app.kubernetes.io/name: {{ include "enverify.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: enverify
{{- end }}

{{/*
Selector labels of one role. Call with (dict "root" $ "role" $role).
*/}}
{{- define "enverify.selectorLabels" -}}
app.kubernetes.io/name: {{ include "enverify.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role.role }}
{{- end }}

{{/*
Name of one role's Deployment, Service, PDB and HPA. Call with (dict "root" $ "role" $role).
*/}}
{{- define "enverify.roleFullname" -}}
{{- printf "%s-%s" (include "enverify.fullname" .root) .role.role }}
{{- end }}

{{- define "enverify.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{- define "enverify.databaseSecretName" -}}
{{- default (printf "%s-database" (include "enverify.fullname" .)) .Values.database.existingSecret }}
{{- end }}

{{- define "enverify.keysetSecretName" -}}
{{- default (printf "%s-master-keyset" (include "enverify.fullname" .)) .Values.masterKeyset.existingSecret }}
{{- end }}

{{- define "enverify.redisSecretName" -}}
{{- default (printf "%s-redis" (include "enverify.fullname" .)) .Values.redis.existingSecret }}
{{- end }}

{{/*
Refuses values that would render a broken installation. The schema checks types; this checks what
depends on several values at once.
*/}}
{{- define "enverify.validate" -}}
{{- if not (or .Values.database.url (and .Values.database.existingSecret .Values.database.existingSecretKeys.url)) }}
{{- fail "database.url is required (or database.existingSecret with database.existingSecretKeys.url): Kubernetes deployments need an external PostgreSQL" }}
{{- end }}
{{- if and (not .Values.database.existingSecret) (not .Values.database.password) }}
{{- fail "database.password is required unless database.existingSecret names a Secret with the credentials" }}
{{- end }}
{{- if not (or .Values.masterKeyset.keyset .Values.masterKeyset.existingSecret) }}
{{- fail "masterKeyset.existingSecret (or masterKeyset.keyset) is required: every process must read the same master keyset" }}
{{- end }}
{{- if and .Values.tenancy.realms (not .Values.tenancy.hostSuffix) }}
{{- fail "tenancy.realms needs tenancy.hostSuffix" }}
{{- end }}
{{- $s := .Values.shutdown }}
{{- if le (int $s.terminationGracePeriodSeconds) (add $s.preStopSleepSeconds $s.gracefulTimeoutSeconds | int) }}
{{- fail (printf "shutdown.terminationGracePeriodSeconds (%v) must exceed preStopSleepSeconds + gracefulTimeoutSeconds (%v)" $s.terminationGracePeriodSeconds (add $s.preStopSleepSeconds $s.gracefulTimeoutSeconds)) }}
{{- end }}
{{- range $key, $role := .Values.roles }}
{{- if and $role.autoscaling $role.autoscaling.enabled (gt (int $role.autoscaling.minReplicas) (int $role.autoscaling.maxReplicas)) }}
{{- fail (printf "roles.%s.autoscaling.minReplicas exceeds maxReplicas" $key) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Environment shared by every role and the migration Job (ENVERIFY_ROLES is set by the caller).
*/}}
{{- define "enverify.env" -}}
- name: ENVERIFY_PORT
  value: {{ .Values.containerPort | quote }}
- name: ENVERIFY_MANAGEMENT_PORT
  value: {{ .Values.managementPort | quote }}
- name: ENVERIFY_DATA_DIR
  value: {{ .Values.dataDir.path | quote }}
- name: ENVERIFY_MASTER_KEYSET
  value: {{ printf "%s/%s" (.Values.masterKeyset.mountPath | trimSuffix "/") .Values.masterKeyset.existingSecretKey | quote }}
{{- if and .Values.database.existingSecret .Values.database.existingSecretKeys.url }}
- name: ENVERIFY_DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "enverify.databaseSecretName" . }}
      key: {{ .Values.database.existingSecretKeys.url }}
{{- else }}
- name: ENVERIFY_DATABASE_URL
  value: {{ .Values.database.url | quote }}
{{- end }}
- name: ENVERIFY_DATABASE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "enverify.databaseSecretName" . }}
      key: {{ ternary .Values.database.existingSecretKeys.username "username" (not (empty .Values.database.existingSecret)) }}
- name: ENVERIFY_DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "enverify.databaseSecretName" . }}
      key: {{ ternary .Values.database.existingSecretKeys.password "password" (not (empty .Values.database.existingSecret)) }}
{{- if or .Values.redis.url .Values.redis.existingSecret }}
- name: ENVERIFY_REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "enverify.redisSecretName" . }}
      key: {{ ternary .Values.redis.existingSecretKey "redis-url" (not (empty .Values.redis.existingSecret)) }}
{{- end }}
{{- if .Values.tenancy.hostSuffix }}
- name: ENVERIFY_TENANCY_HOST_SUFFIX
  value: {{ .Values.tenancy.hostSuffix | quote }}
{{- end }}
- name: SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE
  value: {{ printf "%ds" (int .Values.shutdown.gracefulTimeoutSeconds) | quote }}
{{- if .Values.javaToolOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ .Values.javaToolOptions | quote }}
{{- end }}
{{- range $name, $value := .Values.env }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The writable directories and the master keyset, as volumes and as mounts.
*/}}
{{- define "enverify.volumes" -}}
- name: tmp
  emptyDir: {{ if .Values.tmp.sizeLimit }}{ sizeLimit: {{ .Values.tmp.sizeLimit }} }{{ else }}{}{{ end }}
- name: data
  emptyDir: {{ if .Values.dataDir.sizeLimit }}{ sizeLimit: {{ .Values.dataDir.sizeLimit }} }{{ else }}{}{{ end }}
- name: master-keyset
  secret:
    secretName: {{ include "enverify.keysetSecretName" . }}
    # group-readable: the Secret's files belong to root and to the pod's fsGroup
    defaultMode: 0440
    items:
      - key: {{ ternary .Values.masterKeyset.existingSecretKey "master-keyset.json" (not (empty .Values.masterKeyset.existingSecret)) }}
        path: {{ .Values.masterKeyset.existingSecretKey }}
{{- end }}

{{- define "enverify.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: {{ .Values.dataDir.path }}
- name: master-keyset
  mountPath: {{ .Values.masterKeyset.mountPath }}
  readOnly: true
{{- end }}

{{/*
Pod-level settings shared by the roles and the Job.
*/}}
{{- define "enverify.podCommon" -}}
automountServiceAccountToken: {{ .Values.automountServiceAccountToken | default false }}
{{- with .Values.serviceAccountName }}
serviceAccountName: {{ . }}
{{- end }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
Checksum of the Secrets the chart renders, so a changed credential or keyset rolls the pods.
*/}}
{{- define "enverify.secretsChecksum" -}}
{{- include (print .Template.BasePath "/secrets.yaml") . | sha256sum }}
{{- end }}

{{/*
Ingress paths of the enabled roles. Call with (dict "root" $ "routes" (list (list "roleKey" "/path") ...)).
Prints nothing when every role of the routes is off, so the caller can leave the host out.
*/}}
{{- define "enverify.ingressPaths" -}}
{{- $root := .root }}
{{- range .routes }}
{{- $role := index $root.Values.roles (index . 0) }}
{{- if $role.enabled }}
- path: {{ index . 1 }}
  pathType: Prefix
  backend:
    service:
      name: {{ include "enverify.roleFullname" (dict "root" $root "role" $role) }}
      port:
        name: http
{{- end }}
{{- end }}
{{- end }}
