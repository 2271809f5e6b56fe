// How a resource appears as a symbol (outline, workspace symbol search): one home for the mapping.
import { SymbolKind } from 'vscode-languageserver/node';
import type { Resource } from '@flokoa/core';

const KIND: Record<string, SymbolKind> = {
  Agent: SymbolKind.Class,
  Model: SymbolKind.Interface,
  ModelProvider: SymbolKind.Module,
  AgentTool: SymbolKind.Function,
  Namespace: SymbolKind.Namespace,
  Secret: SymbolKind.Key,
  ConfigMap: SymbolKind.Object,
  Service: SymbolKind.Event,
  Kustomization: SymbolKind.Package,
  CustomResourceDefinition: SymbolKind.Struct,
};

export function symbolKindOf(r: Resource): SymbolKind {
  return KIND[r.kind] ?? SymbolKind.Object;
}

export function symbolName(r: Resource): string {
  return r.name || `(unnamed ${r.kind})`;
}

export function symbolDetail(r: Resource): string {
  return r.namespace ? `${r.kind} · ${r.namespace}` : r.kind;
}
