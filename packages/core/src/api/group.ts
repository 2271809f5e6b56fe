// The API group every Flokoa generation so far serves its kinds under.
export const FLOKOA_GROUP = 'agent.flokoa.ai';
/** The one version every generation so far serves (generations differ in shape, not in version). */
export const FLOKOA_VERSION = 'v1alpha1';
/** `apiVersion:` of every Flokoa object. */
export const FLOKOA_API_VERSION = `${FLOKOA_GROUP}/${FLOKOA_VERSION}`;
