// The command table: names, arguments, flags and help text of every `kubectl flokoa` command.
// Behaviour lives in ../commands/*; this file is only what argv parsing, help and completion need.
import type { CommandSpec, FlagSpec } from './argv.js';

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'kubeconfig', type: 'string', default: '', help: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'context', type: 'string', default: '', help: 'The name of the kubeconfig context to use' },
  { name: 'cluster', type: 'string', default: '', help: 'The name of the kubeconfig cluster to use' },
  { name: 'user', type: 'string', default: '', help: 'The name of the kubeconfig user to use' },
  { name: 'server', short: 's', type: 'string', default: '', help: 'The address and port of the Kubernetes API server' },
  { name: 'token', type: 'string', default: '', help: 'Bearer token for authentication to the API server' },
  { name: 'namespace', short: 'n', type: 'string', default: '', help: 'If present, the namespace scope for this CLI request' },
  {
    name: 'request-timeout',
    type: 'duration',
    default: '0',
    help: "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.",
  },
  {
    name: 'insecure-skip-tls-verify',
    type: 'bool',
    default: 'false',
    help: "If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure",
  },
];

const allNamespaces: FlagSpec = {
  name: 'all-namespaces',
  short: 'A',
  type: 'bool',
  default: 'false',
  help: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
};
const timeout = (what: string): FlagSpec => ({
  name: 'timeout',
  type: 'duration',
  default: '0s',
  help: `The length of time to wait before ending ${what}, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).`,
});
const message = (dflt: string): FlagSpec => ({
  name: 'message',
  short: 'm',
  type: 'string',
  default: '',
  help: `The change cause to record (kubernetes.io/change-cause; default: ${dflt}).`,
});
const dryRun: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: 'none',
  values: ['none', 'server', 'client'],
  noOptDefault: 'client',
  help: 'Must be "none", "server", or "client". If client strategy, only print the change that would be made, without sending it. If server strategy, submit a server-side request without persisting the change.',
};

const watchAfterPatch: FlagSpec = {
  name: 'watch',
  short: 'w',
  type: 'bool',
  default: 'false',
  help: 'After patching, follow the rollout to its end: the live view of "rollout watch" on a terminal, the lines of "rollout status" otherwise.',
};

export const COMMANDS: CommandSpec[] = [
  {
    path: ['refs'],
    use: 'refs [AGENT | KIND/NAME] [-n NAMESPACE | -A] [-f FILE|DIR [-R]] [options]',
    short: 'Show what each Agent references (Model, ModelProvider, Secrets, AgentTools) and whether it exists and is ready',
    long: `Show the reference tree of Flokoa agents: Model → ModelProvider → Secret (and key), AgentTools →
Services and ConfigMaps, and the Secrets and ConfigMaps of the agent's environment. Each node shows its
namespace, whether it exists, whether it is ready (from its status) and why not. Missing, forbidden and
wrong-kind references are shown as such.

With --reverse KIND/NAME, show who depends on that object instead: the question to ask before
rotating a key or deleting a Model.

With -f, read manifests from files or folders instead of a cluster (a CI gate for GitOps repositories).

Secret values are never read into the output: only whether a Secret and a referenced key exist.

Exits 1 when any reference is broken (missing, wrong kind, missing key, or with --check-rbac denied to
the agent's service account), 0 otherwise. A reference you may not read is shown as FORBIDDEN and does
not fail the check: its state is unknown to you, not broken.`,
    examples: `  # Show the references of every Agent in the current namespace
  kubectl flokoa refs

  # Show one Agent's references, and check that its service account may read across namespaces
  kubectl flokoa refs my-agent -n my-app --check-rbac

  # Print the Roles and RoleBindings that grant exactly the cross-namespace access that is missing
  kubectl flokoa refs my-agent -n my-app --fix-rbac

  # Who uses this Secret? (before rotating it)
  kubectl flokoa refs --reverse secret/openai-credentials -n shared-resources

  # Check a GitOps folder without a cluster
  kubectl flokoa refs -f ./deploy -R

  # Each reference of an Agent and its state, one per line
  kubectl flokoa refs my-agent -o jsonpath='{range .roots[*].references[*]}{.kind}/{.name} {.state}{"\\n"}{end}'`,
    flags: [
      allNamespaces,
      {
        name: 'output',
        short: 'o',
        type: 'string',
        default: 'tree',
        values: ['tree', 'wide', 'name', 'json', 'yaml', 'jsonpath=', 'jsonpath-file='],
        help: 'Output format. One of: (tree, wide, name, json, yaml, jsonpath=TEMPLATE, jsonpath-file=FILE). name prints kind.group/name of each object found; jsonpath applies a kubectl JSONPath template to what json prints.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringArray',
        default: '[]',
        help: 'Files or folders of manifests to check instead of a cluster.',
      },
      { name: 'recursive', short: 'R', type: 'bool', default: 'false', help: 'Process the directory used in -f, --filename recursively.' },
      { name: 'reverse', type: 'string', default: '', help: 'Show the objects that reference KIND/NAME instead of what Agents reference.' },
      {
        name: 'check-rbac',
        type: 'bool',
        default: 'false',
        help: "For every cross-namespace reference, ask the API server (SubjectAccessReview) whether the Agent's service account may get and list that kind there; with -f, judged by the Roles and bindings in the files.",
      },
      {
        name: 'fix-rbac',
        type: 'bool',
        default: 'false',
        help: 'Print the Role and RoleBinding manifests that grant exactly the missing cross-namespace access (implies --check-rbac); with -f, judged by the files and named apart from the Roles and bindings they hold.',
      },
    ],
    args: { min: 0, max: 1, names: '[AGENT | KIND/NAME]' },
    completeArgs: ['agent'],
  },
  {
    path: ['patch-image'],
    use: 'patch-image AGENT IMAGE [-n NAMESPACE] [--dry-run=server|client] [--watch] [options]',
    short: "Set an Agent's container image safely (pinned tag, no lost concurrent edits) and record why",
    long: `Set the container image of an Agent. The image reference is checked first; ":latest" and untagged
images are refused unless --allow-latest (they make rollbacks non-deterministic). The Agent is read, the
image field is found on it where its API generation keeps it (spec.runtime.spec|standard.container.image,
or the June 2026 spec.runtime.image, written when the Agent still runs the operator's runner image), and
a JSON patch replaces it only if it still holds the value that was read: a concurrent edit is never
overwritten. An image from another registry or repository than the one the agent runs is refused
unless --allow-repository-change ("my-agent:v2" means docker.io/library/my-agent, not the registry the
agent pulls from). The change cause (kubernetes.io/change-cause) records --message, or this command line.`,
    examples: `  # Ship v2.1.0 and follow the rollout to the end
  kubectl flokoa patch-image my-agent ghcr.io/example/my-agent:v2.1.0 -n my-app --watch

  # See what would change, validated by the server, without changing anything
  kubectl flokoa patch-image my-agent ghcr.io/example/my-agent:v2.1.0 --dry-run=server`,
    flags: [
      dryRun,
      watchAfterPatch,
      timeout('watching the rollout (with --watch)'),
      { name: 'allow-latest', type: 'bool', default: 'false', help: 'Allow ":latest" and untagged images.' },
      {
        name: 'allow-repository-change',
        type: 'bool',
        default: 'false',
        help: 'Allow an image from another registry or repository than the one the agent runs (refused by default: usually a typo).',
      },
      message('this command line'),
    ],
    args: { min: 2, max: 2, names: 'AGENT IMAGE' },
    completeArgs: ['agent', 'image'],
  },
  {
    path: ['rollout', 'status'],
    use: 'status AGENT [--timeout D] [--watch=false] [options]',
    short: "Wait for an Agent's rollout to finish, and say why when it does not",
    long: `Show the status of an Agent's rollout, in three stages: the operator has observed the Agent's latest
generation; the Agent's Deployment carries the Agent's image; the Deployment has rolled out (updated,
ready and available replicas, no old replicas left, within its progress deadline). When pods fail, say
which and why (image pull, crash loop, readiness probe).

By default it watches until the rollout finishes; use --watch=false to print the current state and exit.
Exits 0 when the rollout is complete, 1 when it failed or --timeout passed.`,
    examples: `  # Wait for the rollout of my-agent, at most 5 minutes
  kubectl flokoa rollout status my-agent -n my-app --timeout 5m`,
    flags: [
      { name: 'watch', short: 'w', type: 'bool', default: 'true', help: 'Watch the status of the rollout until it is done.' },
      timeout('watch status'),
    ],
    args: { min: 1, max: 1, names: 'AGENT' },
    completeArgs: ['agent'],
  },
  {
    path: ['rollout', 'watch'],
    use: 'watch AGENT [options]',
    short: 'Live view of an Agent: Deployment, ReplicaSets by revision and their pods',
    long: `Show a live view of an Agent's rollout: the Agent, its Deployment, its ReplicaSets by revision with
their image, and their pods with ready count, status, restarts and age. On a terminal the view is
redrawn in place (NO_COLOR drops its colours only); otherwise one line is printed per change. Stop with
Ctrl-C (exit 130).`,
    examples: `  kubectl flokoa rollout watch my-agent -n my-app`,
    flags: [
      timeout('watching'),
      {
        name: 'exit',
        type: 'bool',
        default: 'false',
        help: 'Exit when the rollout is done: 0 once Healthy, 1 when it failed (progress deadline exceeded).',
      },
    ],
    args: { min: 1, max: 1, names: 'AGENT' },
    completeArgs: ['agent'],
  },
  {
    path: ['rollout', 'history'],
    use: 'history AGENT [--revision N] [-o json|yaml] [options]',
    short: "List an Agent's rollout revisions with image, change cause and age",
    long: `List the revisions of an Agent's Deployment (its ReplicaSets): image, ready pods, age and change
cause, the current one marked. With --revision N, the details of that revision: its ReplicaSet and its
pod template (labels, annotations, containers with image, ports, resources and environment, volumes),
as "kubectl rollout history --revision" shows them. -o json|yaml prints the same as data (the pod
template included).`,
    examples: `  kubectl flokoa rollout history my-agent -n my-app

  # What ran in revision 3
  kubectl flokoa rollout history my-agent -n my-app --revision 3`,
    flags: [
      { name: 'revision', type: 'int', default: '0', help: 'See the details, including the pod template, of the revision specified.' },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        default: '',
        values: ['', 'json', 'yaml'],
        help: 'Output format. One of: (json, yaml).',
      },
    ],
    args: { min: 1, max: 1, names: 'AGENT' },
    completeArgs: ['agent'],
  },
  {
    path: ['rollout', 'undo'],
    use: 'undo AGENT [--to-revision N] [options]',
    short: "Set an Agent's image back to a previous revision's (patching the Agent, never the Deployment)",
    long: `Roll an Agent back to the image of a previous revision of its Deployment. The Agent is patched
(its operator owns the Deployment and would revert a change made there), with the same concurrent-edit
protection as patch-image, and the same refusal of a ":latest" or untagged image unless --allow-latest.
The change cause records -m, or the rollback and the image it goes back to (not the revision number:
the Deployment gives the revision it goes back to a new one).`,
    examples: `  # Back to the previous revision
  kubectl flokoa rollout undo my-agent -n my-app

  # Back to revision 3
  kubectl flokoa rollout undo my-agent -n my-app --to-revision 3`,
    flags: [
      { name: 'to-revision', type: 'int', default: '0', help: 'The revision to roll back to. Default to 0 (last revision).' },
      dryRun,
      {
        name: 'allow-latest',
        type: 'bool',
        default: 'false',
        help: 'Allow rolling back to a revision whose image is ":latest" or untagged.',
      },
      message('the rollback and the image it goes back to'),
      watchAfterPatch,
      timeout('watching the rollout (with --watch)'),
    ],
    args: { min: 1, max: 1, names: 'AGENT' },
    completeArgs: ['agent'],
  },
  {
    path: ['rollout', 'restart'],
    use: 'restart AGENT [--timeout D] [--dry-run=server|client] [options]',
    short: "Replace an Agent's pods with new ones, a few at a time, by evicting them",
    long: `Restart an Agent's pods by evicting them (the policy/v1 Eviction API, as "kubectl drain" does): the
ReplicaSet starts a replacement for each. Pods go one at a time, or as many at a time as the
Deployment's maxUnavailable allows (default 25% of its replicas, at least one), and the next go only
once the replacements are Ready. The API server holds each eviction to the pods' PodDisruptionBudget:
while it allows no disruption, the restart waits; a budget that can never allow one (all pods healthy
and still none allowed) is an error before anything is evicted.

Why not "kubectl rollout restart deploy/AGENT": the Flokoa operator owns the Deployment and writes its
whole spec back on every reconcile; its pod template carries only the operator's own annotations
(flokoa.ai/spec-hash, secrets-hash), so the restartedAt annotation is reverted at once (leaving two
revisions in the history and pods started twice). Changing the Agent (an env var) would restart it too,
but is a change of the spec your GitOps tool reverts or reports as drift.

An agent with one replica is unavailable from the eviction until the replacement is Ready. Exits 0 once
every pod is replaced and Ready, 1 on --timeout or when the restart cannot proceed.`,
    examples: `  # Replace every pod of my-agent, at most 5 minutes
  kubectl flokoa rollout restart my-agent -n my-app --timeout 5m

  # Which pods would be evicted, each eviction checked by the API server (PodDisruptionBudget included)
  kubectl flokoa rollout restart my-agent -n my-app --dry-run=server`,
    flags: [dryRun, timeout('the restart')],
    args: { min: 1, max: 1, names: 'AGENT' },
    completeArgs: ['agent'],
  },
  {
    path: ['rollout'],
    use: 'rollout SUBCOMMAND',
    short: 'Follow, inspect, undo and restart Agent rollouts',
    long: 'Manage the rollout of an Agent: its Deployment, created and owned by the Flokoa operator.',
    examples: `  kubectl flokoa rollout status my-agent
  kubectl flokoa rollout history my-agent`,
    flags: [],
    args: { min: 0, max: 0, names: '' },
  },
  {
    path: ['check'],
    use: 'check [NAMESPACE] [-n NAMESPACE] [-o json|yaml] [options]',
    short: 'Check that a namespace is ready to run its agents: service accounts, registry Secrets, references, RBAC, quota',
    long: `Check a namespace the way a platform engineer does by hand when an agent will not start there:

  - the namespace exists;
  - each Agent's service account exists (without it the Deployment cannot create pods);
  - each imagePullSecrets entry exists in the namespace; when the Secret exists in another namespace
    (an org namespace set up without its copy), the command that copies it is shown;
  - each reference (Model, ModelProvider, AgentTools, Secrets and keys) resolves;
  - each Agent's service account may get and list what it references in other namespaces
    (SubjectAccessReview, as refs --check-rbac);
  - the namespace's ResourceQuotas and LimitRanges leave room for each Agent's next rollout.

Every problem is printed with the exact command that fixes it. What you may not read is printed as
"not checked", never as in order. Secret values are never read.

Exits 0 when everything is in order, 1 when there is a problem or something could not be checked.`,
    examples: `  # Check the namespace of the current context
  kubectl flokoa check

  # Check an organisation's namespace before its first deployment
  kubectl flokoa check crewai-org-4

  # As data, for a script
  kubectl flokoa check -n my-app -o json`,
    flags: [
      {
        name: 'output',
        short: 'o',
        type: 'string',
        default: '',
        values: ['', 'json', 'yaml'],
        help: 'Output format. One of: (json, yaml); text when empty.',
      },
    ],
    args: { min: 0, max: 1, names: '[NAMESPACE]' },
  },
  {
    path: ['version'],
    use: 'version [-o json|yaml]',
    short: 'Print the plugin version and the Flokoa API generations it reads',
    flags: [{ name: 'output', short: 'o', type: 'string', default: '', values: ['', 'json', 'yaml'], help: 'One of json, yaml.' }],
    args: { min: 0, max: 0, names: '' },
  },
  {
    path: ['options'],
    use: 'options',
    short: 'Print the list of flags inherited by all commands',
    flags: [],
    args: { min: 0, max: 0, names: '' },
  },
];

export function subcommandsOf(path: string[]): CommandSpec[] {
  return COMMANDS.filter((c) => c.path.length === path.length + 1 && path.every((p, i) => c.path[i] === p));
}
