// Flux's post-build variable substitution: `${var}`, `${var:=default}` / `${var:-default}`, and
// `$${var}` for a literal. It runs on the YAML text of each object, so a substituted plain
// scalar is read again as YAML: `replicas: ${count}` becomes a number.
import { isJsonObject, type Json } from './origins.js';
import { escapeSegment } from '../pointer.js';
import { parseFile } from '../parse.js';

const VAR = /\$(\$?)\{([^}:]+)(?::[=-]([^}]*))?\}/g;

/** Substitutes in one string; undefined when it holds no variable. */
export function substituteString(s: string, vars: Record<string, string>): string | undefined {
  if (!s.includes('${')) return undefined;
  let changed = false;
  const out = s.replace(VAR, (whole, escaped: string, name: string, fallback: string | undefined) => {
    changed = true;
    if (escaped) return whole.slice(1);
    const v = vars[name.trim()];
    return v !== undefined && v !== '' ? v : (fallback ?? '');
  });
  return changed ? out : undefined;
}

/** A plain YAML scalar read again after substitution, as the workspace reads YAML. */
function retype(s: string): Json {
  if (s === '' || s.includes('\n') || /^[\s#&*!|>%@`'"[{-]|: | #/.test(s)) return s;
  const v = parseFile('substituted://value', s).docs[0]?.value;
  return v === null || typeof v === 'boolean' || typeof v === 'number' ? v : s;
}

/**
 * Substitutes variables throughout an object in place (values and keys). A substituted value the
 * user wrote unquoted is read again as YAML (`quoted` says which were quoted in their source).
 */
export function substituteObject(node: Json, vars: Record<string, string>, quoted: (pointer: string) => boolean, pointer = ''): void {
  const visit = (container: Record<string | number, Json>, key: string | number): void => {
    const v = container[key];
    const at = `${pointer}/${escapeSegment(key)}`;
    if (typeof v !== 'string') return substituteObject(v, vars, quoted, at);
    const s = substituteString(v, vars);
    if (s !== undefined) container[key] = quoted(at) ? s : retype(s);
  };
  if (Array.isArray(node)) {
    node.forEach((_, i) => visit(node as unknown as Record<number, Json>, i));
    return;
  }
  if (!isJsonObject(node)) return;
  for (const key of Object.keys(node)) {
    visit(node, key);
    const newKey = substituteString(key, vars);
    if (newKey !== undefined && newKey !== key) {
      node[newKey] = node[key];
      delete node[key];
    }
  }
}
