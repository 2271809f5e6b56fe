// Where a JSON pointer's node is in yaml's syntax tree, and every pointer a tree holds.
import { isMap, isSeq, isScalar, isPair, type Document, type Node, type Pair } from 'yaml';
import { escapeSegment, splitPointer } from './pointer.js';

export interface NodeSpan {
  key?: [number, number];
  value: [number, number];
  node: Node | null;
}

/** Walks the AST along a pointer; undefined when the path does not exist in the source. */
export function spanAt(doc: Document | undefined, pointer: string): NodeSpan | undefined {
  if (!doc || !doc.contents) return undefined;
  let node: Node | null = doc.contents as Node;
  let key: [number, number] | undefined;
  for (const seg of splitPointer(pointer)) {
    if (isMap(node)) {
      const pair: Pair | undefined = (node.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return undefined;
      const k = pair.key as Node;
      key = k.range ? [k.range[0], k.range[1]] : undefined;
      node = (pair.value as Node | null) ?? null;
      if (!node) return { key, value: key ? [key[1], key[1]] : [0, 0], node: null };
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(seg)];
      if (item === undefined || !/^\d+$/.test(seg)) return undefined;
      key = undefined;
      node = isPair(item) ? null : ((item as Node | null) ?? null);
      if (!node) return undefined;
    } else {
      return undefined;
    }
  }
  const r = node?.range;
  return { key, value: r ? [r[0], r[1]] : [0, 0], node };
}

/** Every pointer in document order (iterative: depth is bounded by the parser guard, not the stack). */
export function* allPointers(doc: Document | undefined): Iterable<string> {
  if (!doc || !doc.contents) return;
  const stack: [string, unknown][] = [['', doc.contents]];
  while (stack.length) {
    const [ptr, node] = stack.pop()!;
    yield ptr;
    const children: [string, unknown][] = [];
    if (isMap(node)) {
      for (const p of node.items as Pair[]) {
        if (isScalar(p.key)) children.push([ptr + '/' + escapeSegment(String(p.key.value)), p.value]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((it, i) => children.push([ptr + '/' + i, it]));
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}
