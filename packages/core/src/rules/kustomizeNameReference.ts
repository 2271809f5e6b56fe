// A reference kustomize left behind: the object it names was renamed by the rendering (namePrefix,
// nameSuffix, a generator's hash) but the reference field is not in kustomize's name reference
// configuration, so the rendered object points at the old name, which does not exist.
import type { IdentityChange, Resource } from '../model.js';
import type { Reference } from '../references.js';
import type { Workspace } from '../workspace.js';
import type { Rule } from './types.js';
import { FLOKOA_GROUP } from '../kinds.js';
import { locateOrigin } from '../renderings.js';
import { fieldSpecPath, kindLines, kustomizeConfigFix } from './kustomizeConfigFix.js';

export interface Renamed {
  /** The renamed object as rendered. */
  target: Resource;
  /** The changes that took its name away from the one the reference holds. */
  renames: IdentityChange[];
}

/**
 * The object of the reference's rendering that had the referenced name before a transformer
 * renamed it, when the reference resolves to nothing: kustomize would have rewritten the
 * reference, had its configuration listed the field.
 */
export function renamedTarget(ws: Workspace, ref: Reference): Renamed | undefined {
  const rendering = ref.source.rendering;
  if (!rendering || ws.get(ref.target)) return undefined;
  const root = ws.renderings.root(rendering.root);
  const t = ref.target;
  for (const r of root?.resources ?? []) {
    if (r.producedBy || r.kind !== t.kind || r.group !== t.group || r.namespace !== t.namespace || r.name === t.name) continue;
    const changes = r.rendering?.changes ?? [];
    const from = changes.findIndex((c) => c.from.name === t.name);
    if (from < 0) continue;
    return { target: r, renames: changes.slice(from).filter((c) => c.from.name !== c.to.name) };
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
      const t = ref.target;
      const by = [...new Set(renamed.renames.map((c) => c.by.transformer))].join(' and ');
      const where = renamed.renames.map((c) => locateOrigin(c.by)).find((l) => l !== undefined);
      const listedBy = ctx.resource.rendering?.listedBy;
      const fix =
        listedBy && /\/(kustomization\.ya?ml|Kustomization)$/.test(listedBy.uri)
          ? kustomizeConfigFix(
              ctx.workspace,
              listedBy.uri,
              'nameReference',
              nameReferenceItems(ref),
              `Teach kustomize that ${ref.source.kind} ${fieldName(ref.namePointer)} names a ${t.kind} (${listedBy.uri.split('/').slice(-2).join('/')})`,
            )
          : undefined;
      ctx.report({
        pointer: ref.namePointer,
        message:
          `${t.kind} '${t.name}' was renamed to '${renamed.target.name}' by ${by}; kustomize does not rewrite ${fieldName(ref.namePointer)}` +
          ` of a${/^[AEIOU]/.test(ref.source.kind) ? 'n' : ''} ${ref.source.kind}` +
          (t.group === FLOKOA_GROUP || ref.source.group === FLOKOA_GROUP ? ' (not in its name reference configuration)' : '') +
          `, so this still names '${t.name}', which does not exist — add a configurations: nameReference entry for the field, or reference '${renamed.target.name}'.`,
        ...(fix ? { fixes: [{ ...fix, preferred: true }] } : {}),
        related: [
          ...(where ? [{ location: { uri: where.uri, range: where.value }, message: `renamed here (${by})` }] : []),
          {
            location: { uri: renamed.target.uri, range: renamed.target.ranges.get('/metadata/name')?.value ?? renamed.target.range },
            message: `${t.kind} ${renamed.target.name}`,
          },
        ],
      });
    }
  },
};
