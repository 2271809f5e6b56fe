// The CustomResourceDefinitions served for the Flokoa kinds when no fixture supplies its own:
// built by @flokoa/core from the same schemas the editor validates with, so the sim and the
// language server agree on what the API accepts.

import { crdFromSchemas, FLOKOA_API_GROUP } from '@flokoa/core';
import type { KObject } from './object.js';

export const FLOKOA_GROUP = FLOKOA_API_GROUP;

export function defaultFlokoaCrds(): KObject[] {
  return crdFromSchemas() as KObject[];
}
