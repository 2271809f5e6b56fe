// What an API generation is, as data: every module that knows the shape of Flokoa objects (schema
// validation, references, the HA rules, the plugin's image location, the simulated operator,
// completion snippets, the JSON Schema export) asks an ApiDescription instead of hard-coding a path.
import type { ApiDigest } from './digest.js';
import type { JsonSchema } from '../schema/types.js';
import type { K8sDefinitionName } from '../schema/k8s.js';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  priority?: number;
}

/** One kind of a generation, as its CRD serves it (names, columns) with the schema we validate against. */
export interface KindDescription {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  listKind: string;
  shortNames: string[];
  categories: string[];
  printerColumns: PrinterColumn[];
  /** The status subresource is enabled (applied manifests cannot set status). */
  statusSubresource: boolean;
  /** The CRD's openAPIV3Schema facts with our own descriptions. */
  schema: JsonSchema;
}

export interface RefSpec {
  /** Stable id, e.g. `agent-model`. */
  id: string;
  fromGroup: string;
  fromKind: string;
  /** JSON pointer pattern: `*` is every item of a list (or value of a map), `a|b` either field. */
  path: string;
  toGroup: string;
  toKind: string;
  /** Field of the referring object that holds the name; '' when the value at `path` is the name itself. */
  nameField: string;
  /** The reference may name a namespace (`namespace:`); when it may not, the target is always in the referrer's namespace. */
  hasNamespace?: boolean;
  /** The reference names a key (`key:`) inside the target Secret or ConfigMap. */
  hasKey?: boolean;
  /** Kubernetes' `optional: true` on the reference makes a missing target acceptable. */
  optional?: boolean;
  /** Found by the field's name in a CRD no generation describes, not declared by one. */
  inferred?: boolean;
}

/** Fields of the agent container a layout lets users write (the operator sets the rest). */
export type ContainerField = 'image' | 'env' | 'envFrom' | 'resources' | 'ports' | 'probes' | 'volumeMounts';

/** One place an Agent may keep its pod settings, and which container fields live where. */
export interface PodLayout {
  /** Pointer of the object with the pod-level settings: replicas, affinity, nodeSelector, tolerations, serviceAccountName, imagePullSecrets, securityContext (and volumes where the layout has them). */
  pod: string;
  /** Pointer of the object with the agent container's fields. */
  container: string;
  containerFields: readonly ContainerField[];
  /** The layout is the one the operator reads when the value at `pointer` is `value` (or absent, with `isDefault`). */
  selectedBy?: { pointer: string; value: string; isDefault?: boolean };
  /** The image the operator runs when the layout has no image field or it is not set. */
  defaultImage?: (agent: Record<string, unknown>) => string | undefined;
  /** Ports of the agent container when the operator builds it (no `ports` field in the layout). */
  operatorPorts?: readonly ContainerPort[];
  /** The documented form of a layout the operator's CRD spells differently (drift kept visible). */
  documentedOnly?: boolean;
}

export interface AgentShape {
  /** Layouts in the order they are tried. */
  layouts: readonly PodLayout[];
  /** Labels the operator puts on every pod of an Agent (its Deployment selects them). */
  podLabels(name: string): Record<string, string>;
  /** Label keys of `podLabels` in the Deployment's selector. */
  selectorLabels: readonly string[];
  /** Name of the agent container in the pod template. */
  containerName: string;
  /** The Services the operator makes for an Agent, given its container's ports. */
  services(name: string, ports: readonly ContainerPort[]): AgentService[];
  /** The endpoint the operator reports in `status.url`. */
  url(name: string, namespace: string): string;
  /** Name of the ConfigMap the operator compiles an Agent's spec into, in generations that do. */
  specConfigMap?(name: string): string;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface AgentService {
  name: string;
  /** Labels besides the pod labels. */
  labels?: Record<string, string>;
  ports: { name: string; port: number; targetPort: number; protocol: string }[];
}

/** Where a built-in description knowingly differs from the operator's CRD it mirrors. */
export interface DriftNote {
  kind: string;
  /** Pointer in documents (`*` for any item) where the difference shows. */
  pointer: string;
  /** `documented-only`: the docs write a field the CRD lacks; `required-in-crd`: the CRD requires what the docs omit. */
  type: 'documented-only' | 'required-in-crd';
  /** One line for the finding, e.g. "the CRD reads runtime.standard and drops runtime.spec". */
  note: string;
}

/** What we add to one kind's facts. Paths are digest paths (`[]` list items, `{}` map values). */
export interface KindOverlay {
  /** Our one-line descriptions. */
  docs: Readonly<Record<string, string>>;
  /** Subtrees that are Kubernetes types: their descriptions come from the Kubernetes definitions. */
  k8s?: Readonly<Record<string, K8sDefinitionName>>;
  /** Constraints the operator's admission webhook enforces beyond the CRD, merged into the node (e.g. exactly one provider block). */
  admission?: Readonly<Record<string, JsonSchema>>;
  /** Documented fields the CRD lacks: path → the CRD path whose subtree they mirror. */
  documentedAliases?: Readonly<Record<string, string>>;
  /** Fields the CRD requires that the documented form omits: object path → field names. */
  documentedOptional?: Readonly<Record<string, readonly string[]>>;
}

export type ApiOverlay = Readonly<Record<string, KindOverlay>>;

/** A Flokoa API generation: one operator release line under agent.flokoa.ai/v1alpha1. */
export interface ApiDescription {
  /** Stable id used by settings and flags, e.g. `2026-06`. */
  id: string;
  /** e.g. "June 2026". */
  title: string;
  /** Fields that tell it apart, for messages: "spec.modelRef, instructionRefs, tools[].name, runtime.image". */
  hallmarks: string;
  group: string;
  version: string;
  /** The facts of the operator's CRDs this generation mirrors (which commit, and every field). */
  digest: ApiDigest;
  kinds: readonly KindDescription[];
  /** What we added to the operator's facts to build `kinds` (descriptions, admission checks, the documented form). */
  overlay: ApiOverlay;
  references: readonly RefSpec[];
  agent: AgentShape;
  /** New-resource snippets by kind (LSP snippet syntax; `${1:name}` is the object's name). */
  snippets: Readonly<Record<string, string>>;
  drift: readonly DriftNote[];
}

/** Why a document is read as the generation it is read as. */
export type ChoiceSource = 'setting' | 'crd' | 'document' | 'default';

export interface ApiChoice {
  /** The generation whose references, pod layout and snippets apply; undefined when none fits (a CRD far from every generation). */
  api?: ApiDescription;
  source: ChoiceSource;
  /** One sentence: "the document uses spec.modelRef", "flokoa.apiGeneration is 2026-01", ... */
  because: string;
  /** Set when a CRD decides: which, and whether it is exactly the generation's. */
  crd?: { name: string; layer: 'workspace' | 'cluster'; exact: boolean; operator?: boolean };
  /** Fields of another generation in a document read as `api`. */
  mixed?: { other: ApiDescription; pointers: string[] };
  /** The reference fields of the document's kind: the generation's, or those its CRD has. */
  references: readonly RefSpec[];
  /** What is checked differently and why, when a CRD no generation matches exactly decides (one line each). */
  notes?: readonly string[];
}

/** What a CustomResourceDefinition of a Flokoa kind (workspace or cluster) says about the generation. */
export interface CrdVerdict {
  /** metadata.name of the CRD. */
  name: string;
  layer: 'workspace' | 'cluster';
  /** Generations whose facts of this kind the CRD matches exactly (several when the kind did not change between them). */
  exact: readonly ApiDescription[];
  /** The match is the operator's own CRD (not one these tools wrote with the documented form): documented-only fields are dropped. */
  operator?: boolean;
  /** The generation nearest to a CRD that matches none exactly (undefined when none is near). */
  closest?: ApiDescription;
  /** Reference fields of the kind as this CRD has them; set when it matches no generation exactly. */
  references?: readonly RefSpec[];
  /** What is checked differently for documents of the kind, one line each (for the notice). */
  notes?: readonly string[];
}
