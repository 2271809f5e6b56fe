// The one way the tools read manifest files from disk (the linter, the language server, `refs -f`):
// regular files only (a FIFO or a device named *.yaml never blocks or streams forever), the size
// checked before reading and the read itself bounded (a /proc file reports size 0), symlinks
// resolved with their loops detected, and text decoded as kubectl decodes it (UTF-8, or UTF-16
// with a byte-order mark). A file that cannot be read is a value with one line of reason.
import { closeSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

/** Larger files are generated data, not manifests. */
export const MAX_MANIFEST_BYTES = 5 * 1024 * 1024;

export type SkipReason = 'dangling-link' | 'link-loop' | 'not-regular' | 'too-large' | 'unreadable' | 'missing';

export type ReadManifest = { ok: true; text: string; realPath: string } | { ok: false; reason: SkipReason; message: string };

function errnoCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e);
}

/** Resolves symlinks (the kernel stops a loop with ELOOP); a dangling link or a loop is a reason, not a throw. */
function resolveReal(path: string): { real: string } | { reason: SkipReason; message: string } {
  try {
    return { real: realpathSync(path) };
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ELOOP') return { reason: 'link-loop', message: `${path}: symbolic link loop` };
    if (code === 'ENOENT' && lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
      return { reason: 'dangling-link', message: `${path}: symbolic link to a missing file` };
    }
    if (code === 'ENOENT') return { reason: 'missing', message: `${path}: no such file or directory` };
    return { reason: 'unreadable', message: `${path}: ${code}` };
  }
}

/** The text of a regular manifest file no larger than `maxBytes`, or why not. */
export function readManifestFile(path: string, maxBytes = MAX_MANIFEST_BYTES): ReadManifest {
  const r = resolveReal(path);
  if ('reason' in r) return { ok: false, reason: r.reason, message: r.message };
  let fd: number | undefined;
  try {
    const st = statSync(r.real);
    if (!st.isFile()) return { ok: false, reason: 'not-regular', message: `${path}: not a regular file` };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large', message: `${path}: larger than ${maxBytes / 1024 / 1024} MB` };
    fd = openSync(r.real, 'r');
    // Read at most one byte past the limit: the size a file reports is not always what it holds.
    const buf = Buffer.alloc(Math.min(maxBytes + 1, Math.max(st.size, 64 * 1024)));
    let n = 0;
    let chunk: number;
    let bytes = buf;
    while ((chunk = readSync(fd, bytes, n, bytes.length - n, null)) > 0) {
      n += chunk;
      if (n > maxBytes) return { ok: false, reason: 'too-large', message: `${path}: larger than ${maxBytes / 1024 / 1024} MB` };
      if (n === bytes.length) {
        const grown = Buffer.alloc(Math.min(maxBytes + 1, bytes.length * 2));
        bytes.copy(grown, 0, 0, n);
        bytes = grown;
      }
    }
    return { ok: true, text: decodeManifest(bytes.subarray(0, n)), realPath: r.real };
  } catch (e) {
    return { ok: false, reason: 'unreadable', message: `${path}: ${errnoCode(e)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Bytes to text as kubectl reads a manifest: a UTF-16 (LE/BE) or UTF-8 byte-order mark decides, else UTF-8. */
export function decodeManifest(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return Buffer.from(bytes.subarray(3)).toString('utf8');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

export interface ManifestWalk {
  /** Manifest files in kubectl's order (each folder's entries sorted). */
  files: string[];
  /** One line each: links that lead nowhere or in a circle, entries that are not regular files. */
  warnings: string[];
}

/**
 * The files kubectl reads for `-f PATH...` (folders: their manifests; `recursive`: below too). Symlinked
 * folders are followed once each: a folder reached again through a link (a cycle) is a warning.
 * A named path that does not exist throws nothing here: it is in `missing`.
 */
export function walkManifests(paths: string[], recursive: boolean, extensions: ReadonlySet<string>): ManifestWalk & { missing: string[] } {
  const out: ManifestWalk & { missing: string[] } = { files: [], warnings: [], missing: [] };
  const visited = new Set<string>();
  const walk = (dir: string, real: string) => {
    if (visited.has(real)) {
      out.warnings.push(`${dir}: a symbolic link back to a folder already read (a cycle)`);
      return;
    }
    visited.add(real);
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      const r = resolveReal(p);
      if ('reason' in r) {
        if (extensions.has(extname(name).toLowerCase()) || r.reason === 'link-loop') out.warnings.push(r.message);
        continue;
      }
      const st = statSync(r.real);
      if (st.isDirectory()) {
        if (recursive) walk(p, r.real);
      } else if (extensions.has(extname(name).toLowerCase())) {
        if (st.isFile()) out.files.push(p);
        else out.warnings.push(`${p}: not a regular file`);
      }
    }
  };
  for (const p of paths) {
    const r = resolveReal(p);
    if ('reason' in r) {
      if (r.reason === 'missing') out.missing.push(p);
      else out.warnings.push(r.message);
      continue;
    }
    if (statSync(r.real).isDirectory()) walk(p, r.real);
    else out.files.push(p);
  }
  return out;
}
