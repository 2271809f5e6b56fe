// Findings the parser makes (it reports them itself); the modules give them an id, a severity and docs.
import type { Rule } from './types.js';

export const syntax: Rule = {
  id: 'syntax',
  defaultSeverity: 'error',
  rationale: 'A document that is not valid YAML cannot be applied; the other documents of the file are still checked.',
  scope: 'document',
  check: () => undefined,
};

export const yamlLimits: Rule = {
  id: 'yaml-limits',
  defaultSeverity: 'error',
  rationale:
    'Alias bombs, extreme nesting and documents or files too large to read in bounded time are refused so that the editor stays responsive.',
  scope: 'document',
  check: () => undefined,
};
