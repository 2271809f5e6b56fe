// The subset of Kubernetes JSONPath used by printer columns: `.a.b`, `[n]`, `[*]`,
// `[?(@.type=="Ready")]`, optionally wrapped in `{...}`.

import { isPlainObject } from './object.js';

type Step = { field: string } | { index: number } | { all: true } | { filter: { path: string[]; op: '==' | '!='; value: string } };

function parse(expr: string): Step[] {
  let s = expr.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1);
  const steps: Step[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '.') {
      i++;
      let name = '';
      while (i < s.length && s[i] !== '.' && s[i] !== '[') name += s[i++];
      if (name) steps.push({ field: name });
    } else if (s[i] === '[') {
      const end = s.indexOf(']', i);
      if (end < 0) break;
      const inner = s.slice(i + 1, end);
      i = end + 1;
      if (inner === '*') steps.push({ all: true });
      else if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else {
        const m = inner.match(/^\?\(@\.([\w.]+)\s*(==|!=)\s*["']?([^"']*)["']?\)$/);
        if (m) steps.push({ filter: { path: m[1].split('.'), op: m[2] as '==' | '!=', value: m[3] } });
        else if (/^'.*'$/.test(inner)) steps.push({ field: inner.slice(1, -1) });
      }
    } else {
      let name = '';
      while (i < s.length && s[i] !== '.' && s[i] !== '[') name += s[i++];
      if (name) steps.push({ field: name });
    }
  }
  return steps;
}

/** All values the expression selects, in order. */
export function evaluateJsonPath(obj: unknown, expr: string): unknown[] {
  let cur: unknown[] = [obj];
  for (const step of parse(expr)) {
    const next: unknown[] = [];
    for (const v of cur) {
      if ('field' in step) {
        if (isPlainObject(v) && v[step.field] !== undefined) next.push(v[step.field]);
      } else if ('index' in step) {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if ('all' in step) {
        if (Array.isArray(v)) next.push(...v);
        else if (isPlainObject(v)) next.push(...Object.values(v));
      } else if (Array.isArray(v)) {
        for (const item of v) {
          let x: unknown = item;
          for (const p of step.filter.path) x = isPlainObject(x) ? x[p] : undefined;
          const eq = x !== undefined && String(x) === step.filter.value;
          if (step.filter.op === '==' ? eq : !eq) next.push(item);
        }
      }
    }
    cur = next;
  }
  return cur;
}
