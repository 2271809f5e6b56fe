// A reference kustomize left behind: the object it names was renamed by the rendering (namePrefix,
// nameSuffix, a generator's hash) but the reference field is not in kustomize's name reference
// configuration, so the rendered object points at the old name, which does not exist.
import type { IdentityChange, Resource } from '../model.js';
import type { Reference } from '../references.js';
import type { IndexReader } from '../facts.js';
import type { Rule } from './types.js';
import { FLOKOA_GROUP } from '../kinds.js';
import { locateOrigin } from '../renderings.js';
import { fieldSpecPath, kindLines, kustomizeConfigFix } from './kustomizeConfigFix.js';

export interface Renamed {
  /** The renamed (or moved) object as rendered. */
  target: Resource;
  /** The changes that took it away from the name and namespace the reference holds. */
  renames: IdentityChange[];
  /** Its namespace changed (a kustomization's namespace: overrode its metadata.namespace). */
  moved: boolean;
}

/**
 * The object of the reference's rendering that had the referenced name (and namespace) before a
 * transformer renamed or moved it, when the reference resolves to nothing: kustomize would have
 * rewritten a renamed one's reference had its configuration listed the field; a moved one left
 * the namespace the reference names empty.
 */
export function renamedTarget(ws: IndexReader, ref: Reference): Renamed | undefined {
  const rendering = ref.source.rendering;
  if (!rendering || ws.get(ref.target)) return undefined;
  const root = ws.renderingRoot(rendering.root);
  const t = ref.target;
  for (const r of root?.resources ?? []) {
    if (r.producedBy || r.kind !== t.kind || r.group !== t.group) continue;
    const changes = r.rendering?.changes ?? [];
    const moved = changes.findIndex((c) => c.from.name === t.name && c.from.namespace === t.namespace && c.to.namespace !== t.namespace);
    const renamed = r.namespace === t.namespace ? changes.findIndex((c) => c.from.name === t.name && c.to.name !== t.name) : -1;
    const from = moved >= 0 ? moved : renamed;
    if (from < 0) continue;
    const renames = changes.slice(from).filter((c) => c.from.name !== c.to.name || c.from.namespace !== c.to.namespace);
    return { target: r, renames, moved: moved >= 0 };
  }
  return undefined;
}

function fieldName(pointer: string): string {
  return fieldSpecPath(pointer).replace(/\//g, '.');
}

/** The configuration entry that makes kustomize rewrite this reference. */
export function nameReferenceItems(ref: Reference): string[] {
  const t = ref.target;
  const s = ref.source;
  return [
    ...kindLines(t.kind, t.group, '    ', '  - '),
    '    fieldSpecs:',
    ...kindLines(s.kind, s.group, '        ', '      - '),
    `        path: ${fieldSpecPath(ref.namePointer)}`,
  ];
}

export const kustomizeNameReference: Rule = {
  id: 'kustomize-name-reference',
  defaultSeverity: 'error',
  rationale:
    'kustomize renames objects (namePrefix, nameSuffix, generator hashes) but rewrites references to them only in the fields its configuration lists; a Flokoa reference keeps the old name and points at nothing.',
  scope: 'workspace',
  check(ctx) {
    for (const ref of ctx.references()) {
      const renamed = renamedTarget(ctx.workspace, ref);
      if (!renamed) continue;
      const by = [...new Set(renamed.renames.map((c) => c.by.transformer))].join(' and ');
      const where = renamed.renames.map((c) => locateOrigin(c.by)).find((l) => l !== undefined);
      const fix = renamed.moved ? undefined : configFix(ctx.workspace, ref, ctx.resource.rendering?.listedBy.uri);
      // The overlay's author sees it on the line that did it, too.
      if (where) ctx.report({ at: { uri: where.uri, range: where.value }, message: transformerMessage(ref, renamed, by) });
      ctx.report({
        pointer: renamed.moved && ref.namespaceExplicit ? `${ref.pointer}/namespace` : ref.namePointer,
        message: renamed.moved ? movedMessage(ref, renamed, by) : renamedMessage(ref, renamed, by),
        ...(fix ? { fixes: [{ ...fix, preferred: true }] } : {}),
        related: [
          ...(where
            ? [{ location: { uri: where.uri, range: where.value }, message: `${renamed.moved ? 'moved' : 'renamed'} here (${by})` }]
            : []),
          {
            location: { uri: renamed.target.uri, range: renamed.target.ranges.get('/metadata/name')?.value ?? renamed.target.range },
            message: `${renamed.target.kind} ${renamed.target.namespace}/${renamed.target.name}`,
          },
        ],
      });
    }
  },
};

function renamedMessage(ref: Reference, renamed: Renamed, by: string): string {
  const t = ref.target;
  const s = ref.source;
  const config = t.group === FLOKOA_GROUP || s.group === FLOKOA_GROUP ? ' (not in its name reference configuration)' : '';
  return (
    `${t.kind} '${t.name}' was renamed to '${renamed.target.name}' by ${by}; kustomize does not rewrite ${fieldName(ref.namePointer)}` +
    ` of a${/^[AEIOU]/.test(s.kind) ? 'n' : ''} ${s.kind}${config}, so this still names '${t.name}', which does not exist — add a` +
    ` configurations: nameReference entry for the field, or reference '${renamed.target.name}'.`
  );
}

function transformerMessage(ref: Reference, renamed: Renamed, by: string): string {
  const t = ref.target;
  const s = ref.source;
  const what = renamed.moved
    ? `moves ${t.kind} '${t.name}' out of namespace '${t.namespace}'`
    : `renames ${t.kind} '${t.name}' to '${renamed.target.name}'`;
  return `${by} ${what}, but ${s.kind} ${s.namespace}/${s.name} still names it at ${fieldName(ref.namePointer)} (kustomize does not rewrite that field).`;
}

function movedMessage(ref: Reference, renamed: Renamed, by: string): string {
  const t = ref.target;
  const r = renamed.target;
  return (
    `${t.kind} '${t.name}' was moved from namespace '${t.namespace}' to '${r.namespace}' by ${by}: a kustomization's namespace: overrides` +
    ` metadata.namespace, so nothing is left in '${t.namespace}'. Keep objects of other namespaces out of this kustomization's resources,` +
    ` or reference namespace '${r.namespace}'.`
  );
}

/** Adds the field to the configurations of the kustomization listing the referrer's file (overlays inherit it). */
function configFix(ws: IndexReader, ref: Reference, kustomization: string | undefined): ReturnType<typeof kustomizeConfigFix> {
  if (!kustomization || !/\/(kustomization\.ya?ml|Kustomization)$/.test(kustomization)) return undefined;
  const title = `Teach kustomize that ${ref.source.kind} ${fieldName(ref.namePointer)} names a ${ref.target.kind} (${kustomization.split('/').slice(-2).join('/')})`;
  return kustomizeConfigFix(ws, kustomization, 'nameReference', nameReferenceItems(ref), title);
}
