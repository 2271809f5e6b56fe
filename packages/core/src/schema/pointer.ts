// JSON pointers (RFC 6901), the addresses that tie schema issues back to YAML ranges.

export function escapeSegment(segment: string | number): string {
  if (typeof segment === 'number') return String(segment);
  // Validation joins a pointer for every node it visits: most segments need no escaping.
  return segment.includes('~') || segment.includes('/') ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment;
}

export function joinPointer(base: string, segment: string | number): string {
  return `${base}/${escapeSegment(segment)}`;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  const segments = (pointer[0] === '/' ? pointer.slice(1) : pointer).split('/');
  return pointer.includes('~') ? segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : segments;
}
