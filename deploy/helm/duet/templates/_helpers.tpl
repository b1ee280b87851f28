{{/* The release's base name: "duet" for `helm install duet`, else "<release>-duet". */}}
{{- define "duet.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 56 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 56 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "duet.serverName" -}}{{ include "duet.fullname" . }}-server{{- end -}}
{{- define "duet.clientName" -}}{{ include "duet.fullname" . }}-client{{- end -}}
{{- define "duet.benchName" -}}{{ include "duet.fullname" . }}-bench{{- end -}}

{{/* Labels on every object. */}}
{{- define "duet.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* What selects the server's pods: Deployment, Service, PodDisruptionBudget, spread. */}}
{{- define "duet.serverSelector" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end -}}

{{- define "duet.clientSelector" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: client
{{- end -}}

{{- define "duet.benchSelector" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: bench
{{- end -}}

{{/* Hardening shared by both pods: the images' own non-root user, the default seccomp profile. */}}
{{- define "duet.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "duet.containerSecurityContext" -}}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop: [ALL]
{{- end -}}

{{/* Where the TLS Secret is mounted, in both pods. */}}
{{- define "duet.tlsDir" -}}/etc/duet/tls{{- end -}}
