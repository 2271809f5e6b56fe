export * from './model.js';
export * from './kinds.js';
export * from './pointer.js';
export { DocCore, DocSourceMap, EMPTY_SOURCE_MAP, spanAt, allPointers } from './sourcemap.js';
export * from './parse.js';
