// The API group every Flokoa generation so far serves its kinds under.
export const FLOKOA_GROUP = 'agent.flokoa.ai';
