// flokoa/apiGeneration: which API generation the Flokoa document at a position is read as, and
// why (a status item; hover on apiVersion/kind says the same).
import { dottedPath } from '@flokoa/core';
import type { ServerContext } from '../context.js';
import type { ApiGenerationInfo, ResourceAtParams } from '../protocol.js';
import { resourceAt } from './nameAt.js';

export function provideApiGeneration(ctx: ServerContext, params: ResourceAtParams): ApiGenerationInfo | null {
  const choice = resourceAt(ctx.session, params.textDocument.uri, params.position)?.api;
  if (!choice) return null;
  const { api, mixed, notes } = choice;
  return {
    ...(api ? { id: api.id, title: api.title, hallmarks: api.hallmarks } : {}),
    source: choice.source,
    because: choice.because,
    ...(mixed ? { mixed: { id: mixed.other.id, title: mixed.other.title, fields: mixed.pointers.map(dottedPath) } } : {}),
    ...(notes?.length ? { notes: [...notes] } : {}),
  };
}
