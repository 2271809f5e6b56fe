// The schema dialect of Kubernetes CRDs (OpenAPI v3 structural schemas, `openAPIV3Schema`),
// plus the shapes that validation and the store hand out.

/** An OpenAPI v3 schema as a CRD's `openAPIV3Schema` holds it (structural, no $ref at run time). */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  /** OpenAPI v3.0 form: a flag that makes `minimum` exclusive. */
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  nullable?: boolean;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  not?: JsonSchema;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-validations'?: { rule: string; message?: string }[];
}

export type SchemaIssueCode =
  | 'type'
  | 'required'
  | 'enum'
  | 'pattern'
  | 'range'
  | 'length'
  | 'items'
  | 'properties'
  | 'unique'
  | 'unknown-field'
  | 'one-of'
  | 'any-of'
  | 'not'
  | 'nullable';

/** One problem found by `validate`. */
export interface SchemaIssue {
  /** JSON pointer of the offending node; for a missing required field, the object that lacks it. */
  pointer: string;
  code: SchemaIssueCode;
  message: string;
  /** Highlight the key at `pointer` rather than its value (unknown fields, missing required). */
  onKey?: boolean;
  /** A replacement the user most likely meant (did-you-mean for field names and enum values). */
  suggestion?: string;
}

export type SchemaSource = 'builtin' | 'crd-workspace' | 'crd-cluster';
