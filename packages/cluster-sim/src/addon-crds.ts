// CRDs of the secret operators Flokoa users put next to their agents (External Secrets
// Operator, Sealed Secrets), so manifests that use them apply. Schemaless: their specs are
// kept as written; the simulated producers (controllers/secret-producers.ts) read them.

import type { KObject } from './object.js';

function crd(group: string, version: string, kind: string, plural: string, shortNames: string[]): KObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase(), shortNames },
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
}

export function addonCrds(): KObject[] {
  return [
    crd('external-secrets.io', 'v1beta1', 'ExternalSecret', 'externalsecrets', ['es']),
    crd('bitnami.com', 'v1alpha1', 'SealedSecret', 'sealedsecrets', []),
  ];
}
