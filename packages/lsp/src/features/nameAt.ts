// What name is under the cursor: a resource's own metadata.name, or one part (name, namespace,
// key) of a reference. Definition, references, rename and hover all start here. A document that
// kustomizations render (a base in two overlays) stands for one object per rendering: namesAt
// gives the name in each, so features answer for all of them.
import { keyOf, keyString, type ObjectKey, type Position, type Range, type Reference, type Resource } from '@flokoa/core';
import type { WorkspaceSession } from '../session.js';

export type NameAt =
  | { kind: 'declaration'; resource: Resource; range: Range }
  | { kind: 'reference'; resource: Resource; reference: Reference; part: 'name' | 'namespace' | 'key'; range: Range };

/** Inclusive at both ends: a cursor just after the last character is still on the name. */
export function contains(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

export function resourceAt(session: WorkspaceSession, uri: string, pos: Position): Resource | undefined {
  if (!session.file(uri)) return undefined; // applies pending edits first
  return session.workspace.resourceAt(uri, pos);
}

export function nameAt(session: WorkspaceSession, uri: string, pos: Position): NameAt | undefined {
  return namesAt(session, uri, pos)[0];
}

/** The name under the cursor in every rendering of its document (one for a plain file). */
export function namesAt(session: WorkspaceSession, uri: string, pos: Position): NameAt[] {
  if (!session.file(uri)) return []; // applies pending edits first
  const out: NameAt[] = [];
  for (const resource of session.workspace.resourcesAt(uri, pos)) {
    const at = nameIn(session, resource, pos);
    if (at) out.push(at);
  }
  return out;
}

/** The distinct objects the names stand for (a key per rendering, duplicates dropped). */
export function keysFor(session: WorkspaceSession, ats: NameAt[]): { key: ObjectKey; target?: Resource }[] {
  const seen = new Map<string, { key: ObjectKey; target?: Resource }>();
  for (const at of ats) {
    const k = keyFor(session, at);
    if (!seen.has(keyString(k.key))) seen.set(keyString(k.key), k);
  }
  return [...seen.values()];
}

function nameIn(session: WorkspaceSession, resource: Resource, pos: Position): NameAt | undefined {
  const own = resource.ranges.get('/metadata/name')?.value;
  if (own && contains(own, pos)) return { kind: 'declaration', resource, range: own };
  for (const reference of session.workspace.referencesOfResource(resource)) {
    const parts: ['name' | 'namespace' | 'key', Range | undefined][] = [
      ['name', reference.nameRange],
      ['namespace', reference.namespaceRange],
      ['key', reference.keyRange],
    ];
    for (const [part, range] of parts) if (range && contains(range, pos)) return { kind: 'reference', resource, reference, part, range };
  }
  return undefined;
}

/** The object a name stands for: the resource itself, or what the reference resolves to (its key even when missing). */
export function keyFor(session: WorkspaceSession, at: NameAt): { key: ObjectKey; target?: Resource } {
  if (at.kind === 'declaration') return { key: keyOf(at.resource), target: at.resource };
  return { key: at.reference.target, target: session.workspace.get(at.reference.target) };
}

/** Where a resource's name is written (its metadata.name value), or the whole document. */
export function nameLocation(r: Resource): { uri: string; range: Range } {
  return { uri: r.uri, range: r.ranges.get('/metadata/name')?.value ?? r.range };
}
