// The CustomResourceDefinitions served for the Flokoa kinds when no fixture supplies its own: the
// kinds of one API generation as @flokoa/core describes them (the schemas the editor validates
// with), so the sim and the language server agree on what the API accepts.

import { apiById, crdFromSchemas } from '@flokoa/core';
import type { KObject } from './object.js';

/** The generation a simulated cluster serves unless told otherwise: the one the Flokoa docs describe. */
export const DEFAULT_API_GENERATION = '2026-01';

export function defaultFlokoaCrds(generation = DEFAULT_API_GENERATION): KObject[] {
  const api = apiById(generation);
  if (!api) throw new Error(`unknown Flokoa API generation "${generation}"`);
  return crdFromSchemas(api.kinds) as KObject[];
}
