// Renderers of the refs reports: tree (default), wide (one row per reference), name, and as data
// (json, yaml, a kubectl JSONPath template).
import { stringify } from 'yaml';
import type { Palette } from '../cli/output.js';
import type { RefNode, RefsReport, RootRefs } from '../refs/model.js';
import type { DependentNode, ReverseReport } from '../refs/reverse.js';
import { table, visibleLength } from './table.js';

/** A compiled `-o jsonpath=…` template (render/jsonpath.ts). */
export interface JsonPathFormat {
  jsonpath: (data: unknown) => string;
}
export type DataFormat = 'json' | 'yaml' | JsonPathFormat;
export type RefsFormat = 'tree' | 'wide' | 'name' | DataFormat;

function isData(format: RefsFormat): format is DataFormat {
  return typeof format === 'object' || format === 'json' || format === 'yaml';
}

/** kubectl's `-o name`: `kind.group/name` (`secret/name` for the core group), without the namespace. */
function resourceName(o: { group: string; kind: string; name: string }): string {
  return `${o.kind.toLowerCase()}${o.group ? `.${o.group}` : ''}/${o.name}`;
}

/** One line per object, each once, in the order of the output: what exists and was found. */
function names(objects: Iterable<{ group: string; kind: string; name: string }>): string {
  return [...new Set([...objects].map(resourceName))].join('\n');
}

const STATE_LABEL: Record<RefNode['state'], string> = {
  ok: 'ok',
  'not-ready': 'NOT READY',
  missing: 'MISSING',
  forbidden: 'FORBIDDEN',
  'wrong-kind': 'WRONG KIND',
  'key-missing': 'KEY MISSING',
};

function stateText(n: RefNode, p: Palette): string {
  const label =
    n.state === 'ok'
      ? n.ready === true
        ? 'Ready'
        : 'exists'
      : n.state === 'missing' && n.optional
        ? 'missing (optional)'
        : STATE_LABEL[n.state];
  // A node broken only by RBAC still exists: its label stays, the RBAC part says what is wrong.
  if (n.broken && n.state !== 'ok') return p.red(label);
  return n.state === 'ok' ? p.green(label) : p.yellow(label);
}

function keyText(n: RefNode, p: Palette): string {
  if (!n.key) return '';
  if (n.key.present === true) return `  key "${n.key.name}" present`;
  if (n.key.present === false) return `  ${p.red(`key "${n.key.name}" missing`)}`;
  return `  key "${n.key.name}" ${p.dim(`(${n.key.reason ?? 'not checked'})`)}`;
}

function rbacText(n: RefNode, p: Palette): string {
  if (!n.rbac?.length) return '';
  const verbs = n.rbac.map((c) =>
    c.allowed === true ? `${c.verb} allowed` : c.allowed === false ? p.red(`${c.verb} DENIED`) : p.yellow(`${c.verb} unknown`),
  );
  return `  rbac: ${verbs.join(', ')} for ${n.rbac[0].subject.replace('system:serviceaccount:', 'serviceaccount ')}`;
}

function rootLine(r: RootRefs, p: Palette): string {
  const ready = r.ready === true ? p.green('Ready') : r.ready === false ? p.yellow(`NOT READY${r.reason ? ': ' + r.reason : ''}`) : '';
  return `${p.bold(`${r.kind.toLowerCase()}/${r.name}`)} ${p.dim(`(namespace ${r.namespace}${r.serviceAccount ? `, serviceaccount ${r.serviceAccount}` : ''})`)}${ready ? '  ' + ready : ''}${r.location ? '  ' + p.dim(r.location) : ''}`;
}

function nodeLines(nodes: RefNode[], prefix: string, p: Palette, out: string[], width: number): void {
  nodes.forEach((n, i) => {
    const last = i === nodes.length - 1;
    const below = prefix + (last ? '   ' : '│  ');
    const reason = n.reason && n.state !== 'ok' ? `: ${n.reason}` : '';
    const why = n.broken || n.state !== 'ok' ? reason : '';
    const line = `${prefix}${last ? '└─ ' : '├─ '}${n.kind} ${n.namespace}/${n.name}  ${stateText(n, p)}${why}${keyText(n, p)}${rbacText(n, p)}  ${p.dim(n.location ? `${n.field} ${n.location}` : n.field)}`;
    if (visibleLength(line) <= width) out.push(line);
    else {
      // Too wide for the terminal: the facts first, the explanation wrapped under the node, inside the tree.
      out.push(`${prefix}${last ? '└─ ' : '├─ '}${n.kind} ${n.namespace}/${n.name}  ${stateText(n, p)}`);
      const rest = `${why.replace(/^: /, '')}${keyText(n, p)}${rbacText(n, p)}`.trim();
      const indent = `${below}${n.children.length ? '│  ' : '   '}`;
      for (const l of wrapWords(
        `${rest} ${p.dim(n.location ? `${n.field} ${n.location}` : n.field)}`.trim(),
        Math.max(20, width - visibleLength(indent)),
      ))
        out.push(indent + l);
    }
    nodeLines(n.children, below, p, out, width);
  });
}

/** The namespace's quota headroom for one Agent's pods, and what would stall its next rollout. */
function headroomLines(root: RootRefs, p: Palette, out: string[]): void {
  for (const q of root.headroom?.quotas ?? []) out.push(`   quota ${q.morePods === 0 ? p.yellow(q.text) : q.text}`);
  const b = root.headroom?.blocked;
  if (b) out.push(`   ${p.yellow(`next rollout will stall: ${b.reason}`)}`, `   fix: ${b.fix}`);
}

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && visibleLength(line) + 1 + visibleLength(word) > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function renderRefsTree(report: RefsReport, p: Palette, width = Infinity): string {
  const out: string[] = [];
  if (report.roots.length === 0) return 'No agents found.';
  for (const root of report.roots) {
    const head = rootLine(root, p);
    if (visibleLength(head) <= width) out.push(head);
    else {
      out.push(rootLine({ ...root, reason: undefined }, p));
      const indent = root.references.length ? '│  ' : '   ';
      for (const l of wrapWords(root.reason ?? '', width - 3)) out.push(indent + p.yellow(l));
    }
    headroomLines(root, p, out);
    if (root.references.length === 0) out.push(p.dim('   (no references)'));
    nodeLines(root.references, '', p, out, width);
    out.push('');
  }
  const s = report.summary;
  // A reference denied by RBAC is one of the broken ones, not one more.
  const parts = [
    `${s.broken} broken${s.rbacDenied ? ` (${s.rbacDenied} denied by RBAC)` : ''}`,
    `${s.forbidden} forbidden`,
    `${s.notReady} not ready`,
  ];
  const line = `${plural(report.roots.length, 'root')}, ${plural(s.references, 'reference')}: ${parts.join(', ')}`;
  out.push(s.broken ? p.red(line) : line);
  return out.join('\n');
}

export function renderRefsWide(report: RefsReport, p: Palette): string {
  const rows: string[][] = [];
  for (const root of report.roots) {
    const visit = (nodes: RefNode[], depth: number) => {
      for (const n of nodes) {
        rows.push([
          root.namespace,
          `${root.kind.toLowerCase()}/${root.name}`,
          `${'  '.repeat(depth)}${n.field}`,
          `${n.kind.toLowerCase()}/${n.name}`,
          n.namespace,
          stateText(n, p),
          n.ready === null ? '-' : String(n.ready),
          n.key ? `${n.key.name}:${n.key.present === null ? 'unchecked' : n.key.present ? 'present' : 'missing'}` : '-',
          n.rbac?.length ? n.rbac.map((c) => `${c.verb}=${c.allowed === null ? '?' : c.allowed ? 'yes' : 'no'}`).join(',') : '-',
          n.state === 'ok' ? '' : (n.reason ?? ''),
        ]);
        visit(n.children, depth + 1);
      }
    };
    visit(root.references, 0);
  }
  if (rows.length === 0) return 'No references found.';
  return table(['NAMESPACE', 'ROOT', 'FIELD', 'TARGET', 'TARGET-NAMESPACE', 'STATE', 'READY', 'KEY', 'RBAC', 'REASON'], rows);
}

export function renderData(data: unknown, format: DataFormat): string {
  if (typeof format === 'object') return format.jsonpath(JSON.parse(JSON.stringify(data)));
  return format === 'json' ? JSON.stringify(data, null, 2) : stringify(data, { lineWidth: 0 }).trimEnd();
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderRefs(report: RefsReport, format: RefsFormat, p: Palette, width?: number): string {
  // How many requests it cost is a benchmark's figure, not data about the references.
  if (isData(format)) return renderData(withoutRequests(report), format);
  if (format === 'name') return names(existing(report.roots));
  return format === 'wide' ? renderRefsWide(report, p) : renderRefsTree(report, p, width);
}

/** The roots and every referenced object that exists, depth first. */
function* existing(roots: RootRefs[]): Generator<{ group: string; kind: string; name: string }> {
  const visit = function* (nodes: RefNode[]): Generator<RefNode> {
    for (const n of nodes) {
      if (n.exists) yield n;
      yield* visit(n.children);
    }
  };
  for (const r of roots) {
    yield r;
    yield* visit(r.references);
  }
}

function withoutRequests<T extends { requests?: number }>(report: T): Omit<T, 'requests'> {
  const rest = { ...report };
  delete rest.requests;
  return rest;
}

/** What a reverse lookup could not list: dependents there are unknown. */
export function unlistedWarning(what: string): string {
  return `warning: may not list ${what}: dependents there are not shown`;
}

export function renderReverse(report: ReverseReport, format: RefsFormat, p: Palette): string {
  if (isData(format)) return renderData(withoutRequests(report), format);
  if (format === 'name') return names(dependents(report.dependents));
  const t = report.target;
  const exists = t.exists === true ? p.green('exists') : t.exists === false ? p.red('MISSING') : p.yellow('FORBIDDEN');
  const out: string[] = [];
  if (format === 'wide') {
    const rows: string[][] = [];
    const visit = (nodes: DependentNode[], depth: number) => {
      for (const n of nodes) {
        rows.push([
          n.namespace,
          `${'  '.repeat(depth)}${n.kind.toLowerCase()}/${n.name}`,
          n.field,
          n.key ?? '-',
          n.ready === null ? '-' : String(n.ready),
        ]);
        visit(n.children, depth + 1);
      }
    };
    visit(report.dependents, 0);
    out.push(rows.length ? table(['NAMESPACE', 'DEPENDENT', 'FIELD', 'KEY', 'READY'], rows) : 'No dependents found.');
  } else {
    out.push(`${p.bold(`${t.kind.toLowerCase()}/${t.name}`)} ${p.dim(`(namespace ${t.namespace})`)}  ${exists}`);
    const walk = (nodes: DependentNode[], prefix: string) =>
      nodes.forEach((n, i) => {
        const last = i === nodes.length - 1;
        const ready =
          n.ready === true ? p.green('Ready') : n.ready === false ? p.yellow(`NOT READY${n.reason ? ': ' + n.reason : ''}`) : '';
        out.push(
          `${prefix}${last ? '└─ ' : '├─ '}${n.kind} ${n.namespace}/${n.name}${ready ? '  ' + ready : ''}  ${p.dim(`via ${n.field}${n.key ? ` key "${n.key}"` : ''}`)}`,
        );
        walk(n.children, prefix + (last ? '   ' : '│  '));
      });
    walk(report.dependents, '');
    if (report.dependents.length === 0) out.push(p.dim('   (nothing depends on it)'));
  }
  for (const f of report.forbidden) out.push(p.yellow(unlistedWarning(f)));
  return out.join('\n');
}

/** `--reverse -A`: one report per namespace; json/yaml as a List of them. */
export function renderReverseAll(reports: ReverseReport[], format: RefsFormat, p: Palette): string {
  if (isData(format)) return renderData({ kind: 'List', items: reports.map(withoutRequests) }, format);
  if (format === 'name') return names(reports.flatMap((r) => [...dependents(r.dependents)]));
  return reports.map((r) => renderReverse(r, format, p)).join('\n\n');
}

function* dependents(nodes: DependentNode[]): Generator<DependentNode> {
  for (const n of nodes) {
    yield n;
    yield* dependents(n.children);
  }
}
