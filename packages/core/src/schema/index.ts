// The schema layer of @flokoa/core: built-in Flokoa schemas, the CRD-layered store, validation
// with API-server semantics, pruning, navigation for editors, CRD and JSON Schema output.
export type { JsonSchema, SchemaIssue, SchemaIssueCode, SchemaSource } from './types.js';
export { validate, rejects, requiredAlternatives, type ValidateOptions } from './validate.js';
export { jsonType } from './messages.js';
export { prune, applyDefaults, hasDefaults } from './prune.js';
export { SchemaStore, type SchemaLookup, type CrdSource, type CrdProblem } from './store.js';
export { crdFromSchemas, readCrd, resourceRootSchema, CRD_API_VERSION, type CrdInfo, type CrdVersion } from './crd.js';
export { jsonSchemaFiles, jsonSchemaOf } from './catalog.js';
export { subschemaAt, propertiesOf, describe, snippetFor, typeName, type PropertyInfo, type SchemaDescription } from './navigate.js';
export { k8s, k8sDefinitionNames, K8S_SCHEMA_SOURCE, type K8sDefinitionName } from './k8s.js';
export { editDistance, closestNames, didYouMean, typoBudget } from './didYouMean.js';
export { isPlainObject, prunesUnknownFields, fieldSchema, EMBEDDED_FIELDS } from './structural.js';
export { isCatastrophic, MAX_PATTERN_INPUT } from './pattern.js';
