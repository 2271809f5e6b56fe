// How the API generation status item reads (no vscode import: unit-tested in plain Node).
import type { ApiGenerationInfo } from '@flokoa/lsp/protocol';

/** The item's text and tooltip for what the server said (pure, for tests). */
export function apiGenerationLook(info: ApiGenerationInfo): { text: string; tooltip: string } {
  const title = info.title ? `${info.title} API` : 'unknown API';
  const mixed = info.mixed ? `\nAlso has fields of the ${info.mixed.title} API: ${info.mixed.fields.join(', ')}.` : '';
  const notes = info.notes?.length ? `\n${info.notes.join('; ')}.` : '';
  const hallmarks = info.hallmarks ? ` (${info.hallmarks})` : '';
  return {
    text: `${info.mixed ? '$(warning)' : '$(symbol-class)'} Flokoa ${title}`,
    tooltip: `Read as the ${title}${hallmarks}: ${info.because}.${mixed}${notes}\nSet flokoa.apiGeneration to pin it.`,
  };
}
