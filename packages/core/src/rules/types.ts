// What a rule is and what it gets to work with.
import type { Finding, Fix, Location, Range, Resource, Severity } from '../model.js';
import type { RenderRoot } from '../renderings.js';
import type { ParsedDoc } from '../parse.js';
import type { Reference } from '../references.js';
import type { AnalysisSettings } from '../settings.js';
import type { SchemaIssue } from '../schema/types.js';
import type { IndexReader } from '../facts.js';

interface RuleInfo {
  /** Stable id: the diagnostic code, the settings key (`flokoa.rules.<id>`) and a section of docs/rules.md. */
  id: string;
  defaultSeverity: Severity;
  /** One line: why this matters. */
  rationale: string;
}

/** Every kind of rule: the registry holds both. */
export type AnyRule = Rule | RenderingRule;

/** A rule checked on each resource. */
export interface Rule extends RuleInfo {
  /**
   * `document`: depends on the document's text only (and the schemas), so its results are cached
   * per document and survive edits elsewhere; reading the index throws. `workspace`: reads other
   * resources through `ctx.workspace`, which records what it read, so its results are cached
   * until one of those facts changes.
   */
  scope: 'document' | 'workspace';
  /**
   * The documents it checks: Flokoa objects (the default), or RBAC Roles and ClusterRoles (whose
   * grants on agent.flokoa.ai a least-privilege rule judges). No other document is diagnosed.
   */
  checks?: 'flokoa' | 'roles';
  check(ctx: RuleContext): void;
}

export interface Report {
  /** Where: the key or value at this pointer (nearest existing ancestor when it is absent). */
  pointer?: string;
  onKey?: boolean;
  /** An explicit range instead of a pointer. */
  range?: Range;
  /** An explicit place in any file (a rendered object's field written by a patch or a kustomization). */
  at?: Location;
  message: string;
  fixes?: Fix[];
  related?: Finding['related'];
  tags?: Finding['tags'];
}

export interface RuleContext {
  /** The resource under check (ranges in the frame findings are reported in). */
  resource: Resource;
  doc: ParsedDoc;
  /** The index, for resolve(): the same reader as `workspace`. */
  lookup: IndexReader;
  /** The index and the schemas; every read is recorded as an input of this resource's findings. */
  workspace: IndexReader;
  settings: AnalysisSettings;
  /** The references this resource makes. */
  references(): Reference[];
  /** Schema problems of this document, computed once for all schema-* rules. */
  schemaIssues(): SchemaIssue[];
  /** The range of the key or value at a pointer, or of its nearest ancestor present in the source. */
  rangeOf(pointer: string, onKey?: boolean): Range;
  /** The source text covered by a range (for fixes that keep indentation). */
  lineText(line: number): string;
  report(r: Report): void;
}

/**
 * A rule checked once per rendering root (a kustomization or Flux Kustomization): what the
 * rendering does rather than what one object holds. Its findings land in any file the root reads.
 */
export interface RenderingRule extends RuleInfo {
  scope: 'rendering';
  checkRoot(ctx: RenderingContext): void;
}

export interface RenderingContext {
  root: RenderRoot;
  /** As for resource rules: every read is recorded as an input of the root's findings. */
  workspace: IndexReader;
  report(r: { at: Location; message: string; fixes?: Fix[]; related?: Finding['related'] }): void;
}
