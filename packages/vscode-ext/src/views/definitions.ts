// Where a Resource is defined, as a VS Code location: its file (at metadata.name, or at a given
// field), or the read-only live view when it exists only in the cluster.
import * as vscode from 'vscode';
import type { Range, Resource } from '@flokoa/core';
import { liveObjectUri } from './liveObject.js';

export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function locationOf(r: Resource, context: string | undefined, pointer = '/metadata/name'): vscode.Location {
  if (r.uri.startsWith('cluster://')) {
    const ctx = context ?? r.uri.slice('cluster://'.length);
    return new vscode.Location(
      liveObjectUri({ context: ctx, group: r.group, kind: r.kind, namespace: r.namespace, name: r.name }),
      new vscode.Position(0, 0),
    );
  }
  const span = r.ranges.get(pointer) ?? r.ranges.get('/metadata/name');
  return new vscode.Location(vscode.Uri.parse(r.uri), toVsRange(span ? span.value : r.range));
}
