// Where a node is, from the fast reader's node table: the same answer spanAt gives from yaml's tree.
import { ESCAPES, NODE_FIELDS, type FastDoc } from './fastYamlLexer.js';

export interface FastSpan {
  key?: [number, number];
  value: [number, number];
}

/**
 * The span of the node at a JSON pointer (segments already split), from the node table of a
 * document read by readFastYaml; the same answer spanAt gives from yaml's tree.
 */
export function fastSpanAt(doc: FastDoc, text: string, segments: string[]): FastSpan | undefined {
  const nodes = doc.nodes;
  if (nodes.length === 0) return undefined;
  let at = 0;
  let value: unknown = doc.value;
  for (const seg of segments) {
    if (Array.isArray(value)) {
      if (!/^\d+$/.test(seg)) return undefined;
      const i = Number(seg);
      if (i >= value.length) return undefined;
      let child = at + NODE_FIELDS;
      for (let j = 0; j < i; j++) child += nodes[child + 4] * NODE_FIELDS;
      at = child;
      value = value[i];
    } else if (value !== null && typeof value === 'object') {
      if (!Object.prototype.hasOwnProperty.call(value, seg)) return undefined;
      const end = at + nodes[at + 4] * NODE_FIELDS;
      let child = at + NODE_FIELDS;
      for (; child < end; child += nodes[child + 4] * NODE_FIELDS) {
        if (keyText(text, nodes[child], nodes[child + 1]) === seg) break;
      }
      if (child >= end) return undefined;
      at = child;
      value = (value as Record<string, unknown>)[seg];
    } else {
      return undefined;
    }
  }
  return {
    key: nodes[at] >= 0 ? [nodes[at], nodes[at + 1]] : undefined,
    value: [nodes[at + 2], nodes[at + 3]],
  };
}

function keyText(text: string, start: number, end: number): string {
  const c = text.charCodeAt(start);
  if (c !== 0x22 && c !== 0x27) return text.slice(start, end);
  const body = text.slice(start + 1, end - 1);
  if (c === 0x27) return body.replaceAll("''", "'");
  return body.includes('\\') ? body.replace(/\\(.)/g, (_, e: string) => ESCAPES[e] ?? e) : body;
}
