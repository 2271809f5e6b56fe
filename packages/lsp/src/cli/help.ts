// The --help text: every command and flag of the flokoa-lsp bin, in one place.
export const HELP = `flokoa-lsp: the Flokoa language server and linter (agent.flokoa.ai/v1alpha1)

Usage:
  flokoa-lsp --stdio                  run the language server over stdin/stdout (what editors start)
  flokoa-lsp check [PATH...] [options]
                                      lint Flokoa YAML in files or folders (default: .)
  flokoa-lsp schema --out DIR [--api-generation ID]
                                      write strict JSON Schemas of every Flokoa kind of one API
                                      generation (default: the newest, 2026-06) as
                                      DIR/agent.flokoa.ai/<kind>_v1alpha1.json
  flokoa-lsp --help | --version

check options:
  --format text|json|sarif            text (default): one "file:line:col severity rule-id message"
                                      line per finding; json: an array of findings with ranges;
                                      sarif: SARIF 2.1.0 for code-scanning UIs
  --default-namespace NS              namespace of documents with no metadata.namespace and no
                                      kustomization.yaml namespace (default: default)
  --rule ID=SEVERITY                  override a rule: off, hint, info, warning or error (repeatable)
  --api-generation auto|2026-01|2026-06
                                      read every Flokoa document as this API generation (default
                                      auto: the Flokoa CRDs among the inputs decide, else each
                                      document's own fields, else the newest)

Folders are walked for *.yaml and *.yml, skipping node_modules and .git. Every file is analysed
together, so references across files and namespaces resolve as they do in the editor.

Exit status: 0 no errors, 1 at least one error-level finding, 2 bad usage or unreadable input.
Rules are documented in docs/rules.md.
`;
