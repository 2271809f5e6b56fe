// The Flokoa API generations these tools know, newest first. Adding one is a new module here.
import { API_2026_06 } from './generation-2026-06.js';
import { API_2026_01 } from './generation-2026-01.js';
import type { ApiDescription, KindDescription } from './types.js';

export const API_GENERATIONS: readonly ApiDescription[] = [API_2026_06, API_2026_01];

/** The generation a fresh operator install serves: what a document that says nothing is read as. */
export const NEWEST_API: ApiDescription = API_GENERATIONS[0]!;

export function apiById(id: string): ApiDescription | undefined {
  return API_GENERATIONS.find((a) => a.id === id);
}

export function kindOf(api: ApiDescription, group: string, kind: string): KindDescription | undefined {
  return api.kinds.find((k) => k.group === group && k.kind === kind);
}
