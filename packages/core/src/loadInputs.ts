// Completing a workspace with what its kustomizations read from outside the files given: an
// overlay's bases in `../base`, resource files, nested kustomizations. The one loading step the
// linter (`flokoa-lsp check`) and `kubectl flokoa refs -f` share; they pass their safe reader.
import type { Workspace } from './workspace.js';

/** Guards against a kustomization tree pulling in an unbounded number of files. */
const MAX_ADDED = 10_000;

/**
 * Adds the YAML files the renderings want until none is missing (a base's own bases come in the
 * next round). `read` returns a file's text, or undefined when it does not exist or cannot be read.
 * Returns the files added.
 */
export function loadRenderInputs(ws: Workspace, read: (uri: string) => string | undefined): string[] {
  const tried = new Set<string>();
  const added: string[] = [];
  for (;;) {
    const wanted = wantedFiles(ws).filter((u) => !tried.has(u));
    if (wanted.length === 0 || added.length >= MAX_ADDED) return added;
    const batch: { uri: string; text: string }[] = [];
    for (const uri of wanted) {
      tried.add(uri);
      const text = read(uri);
      if (text !== undefined) batch.push({ uri, text });
    }
    if (batch.length === 0) return added;
    ws.setFiles(batch);
    added.push(...batch.map((f) => f.uri));
  }
}

/** YAML files the renderings read and the workspace does not hold (a base outside the folders given, a resource file). */
function wantedFiles(ws: Workspace): string[] {
  const out = new Set<string>();
  for (const root of ws.renderings.allRoots()) {
    for (const u of root.result.inputs) if (!ws.file(u) && /^file:.*(\.ya?ml|\/Kustomization)$/i.test(u)) out.add(u);
  }
  return [...out].sort();
}
