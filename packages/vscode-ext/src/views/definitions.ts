// Where the server says something is defined, as a VS Code location: its file (at metadata.name,
// or where a reference's name is written), or the read-only live view when it exists only in the cluster.
import * as vscode from 'vscode';
import type { Definition, Location, Range, ResourceKey } from '@flokoa/lsp/protocol';
import { liveObjectUri } from './liveObject.js';

export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function toVsLocation(l: Location): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(l.uri), toVsRange(l.range));
}

export function locationOf(d: Definition, key: ResourceKey): vscode.Location {
  if (d.in === 'file') return toVsLocation(d.location);
  return new vscode.Location(liveObjectUri({ context: d.context, ...key }), new vscode.Position(0, 0));
}

/** `Model shop/gpt-4o-model` (cluster-scoped kinds without the slash). */
export function describeKey(k: ResourceKey): string {
  return `${k.kind} ${k.namespace ? `${k.namespace}/` : ''}${k.name}`;
}
