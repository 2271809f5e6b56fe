// What a user can configure: the default namespace and a severity per rule.
import type { SeveritySetting } from './model.js';
import type { ParseLimits } from './parse.js';
import { apiById } from './api/index.js';

export interface AnalysisSettings {
  /** Namespace of documents with neither metadata.namespace nor a kustomization namespace. */
  defaultNamespace: string;
  /** Severity per rule id (`off` silences it); rules not listed keep their default. */
  rules: Record<string, SeveritySetting>;
  /** Parser guards; defaults are DEFAULT_LIMITS. */
  limits?: Partial<ParseLimits>;
  /**
   * Read every Flokoa document as this API generation (`2026-01`, `2026-06`) instead of choosing
   * per document (CRDs in the workspace or cluster, else the document's own fields).
   */
  apiGeneration?: string;
}

export const DEFAULT_SETTINGS: AnalysisSettings = { defaultNamespace: 'default', rules: {} };

const SEVERITIES = new Set(['off', 'hint', 'info', 'warning', 'error']);

/** Settings from untrusted input (LSP configuration, a CLI flag): bad values fall back to defaults. */
export function normalizeSettings(input: unknown): AnalysisSettings {
  const o = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (o.rules && typeof o.rules === 'object') {
    for (const [id, sev] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITIES.has(sev)) rules[id] = sev as SeveritySetting;
    }
  }
  const ns = typeof o.defaultNamespace === 'string' && o.defaultNamespace.trim() !== '' ? o.defaultNamespace.trim() : 'default';
  const limits = o.limits && typeof o.limits === 'object' ? (o.limits as Partial<ParseLimits>) : undefined;
  // Unknown ids fall back to choosing per document (callers that take a flag check the id themselves).
  const gen = typeof o.apiGeneration === 'string' && apiById(o.apiGeneration.trim()) ? o.apiGeneration.trim() : undefined;
  return { defaultNamespace: ns, rules, limits, ...(gen ? { apiGeneration: gen } : {}) };
}
