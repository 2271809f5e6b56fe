// The `flokoa.*` settings as the server understands them, normalised from whatever shape the
// client sends (nested objects from VS Code, dotted keys from some editors' config files).
// The analysis half is core's normalizeSettings; this adds the cluster section and tells the
// user which values were ignored.
import { API_GENERATIONS, apiById, isPlainObject, normalizeSettings, ruleById, type AnalysisSettings } from '@flokoa/core';

export interface ClusterSettings {
  enabled: boolean;
  context?: string;
  kubeconfig?: string;
}

export interface ServerSettings {
  analysis: AnalysisSettings;
  /** The live cluster (clusterSource.ts); read here so one place owns the settings shape. */
  cluster: ClusterSettings;
}

const SEVERITIES = new Set<string>(['off', 'hint', 'info', 'warning', 'error']);
// Kubernetes namespace names are DNS-1123 labels; anything else would only produce confusing findings.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Folds `{ "rules.x": "off" }` into `{ rules: { x: "off" } }`. */
function expandDotted(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const dot = k.indexOf('.');
    if (dot < 0) {
      out[k] = isPlainObject(v) && isPlainObject(out[k]) ? { ...(out[k] as object), ...v } : v;
      continue;
    }
    const head = k.slice(0, dot);
    const group = isPlainObject(out[head]) ? (out[head] as Record<string, unknown>) : {};
    group[k.slice(dot + 1)] = v;
    out[head] = group;
  }
  return out;
}

/** Accepts the `flokoa` section (or a whole settings object holding it); invalid values are reported in `problems` and ignored. */
export function readServerSettings(raw: unknown, problems: string[] = []): ServerSettings {
  let section: unknown = raw;
  if (isPlainObject(raw) && isPlainObject(raw.flokoa)) section = raw.flokoa;
  const s = isPlainObject(section) ? expandDotted(section) : {};
  if (typeof s.defaultNamespace === 'string' && s.defaultNamespace !== '' && !DNS_LABEL.test(s.defaultNamespace)) {
    problems.push(`flokoa.defaultNamespace "${s.defaultNamespace}" is not a valid namespace name; using "default"`);
    delete s.defaultNamespace;
  }
  if (isPlainObject(s.rules)) {
    const known: Record<string, unknown> = {};
    for (const [id, sev] of Object.entries(s.rules)) {
      if (!ruleById(id)) problems.push(`flokoa.rules.${id}: there is no rule "${id}" (rule ids are listed in docs/rules.md)`);
      else if (typeof sev !== 'string' || !SEVERITIES.has(sev))
        problems.push(`flokoa.rules.${id}: "${String(sev)}" is not one of off, hint, info, warning, error; the rule keeps its default`);
      else known[id] = sev;
    }
    s.rules = known;
  }
  if (
    s.apiGeneration !== undefined &&
    s.apiGeneration !== '' &&
    s.apiGeneration !== 'auto' &&
    !(typeof s.apiGeneration === 'string' && apiById(s.apiGeneration))
  ) {
    problems.push(
      `flokoa.apiGeneration "${String(s.apiGeneration)}" is not one of auto, ${API_GENERATIONS.map((a) => a.id).join(', ')}; choosing per document`,
    );
    delete s.apiGeneration;
  }
  const cluster: ClusterSettings = { enabled: false };
  if (isPlainObject(s.cluster)) {
    cluster.enabled = s.cluster.enabled === true;
    if (typeof s.cluster.context === 'string' && s.cluster.context) cluster.context = s.cluster.context;
    if (typeof s.cluster.kubeconfig === 'string' && s.cluster.kubeconfig) cluster.kubeconfig = s.cluster.kubeconfig;
  }
  return { analysis: normalizeSettings(s), cluster };
}
