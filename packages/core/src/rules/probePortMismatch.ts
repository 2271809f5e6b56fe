// A probe aimed at a port the container does not declare never succeeds.
import type { Rule } from './types.js';
import { agentPod, allows } from '../api/agentPod.js';
import { isPlainObject } from '../schema/structural.js';

export const probePortMismatch: Rule = {
  id: 'probe-port-mismatch',
  defaultSeverity: 'warning',
  rationale: 'A probe on a port the agent does not listen on fails forever: the pod restarts in a loop or never becomes ready.',
  scope: 'document',
  check(ctx) {
    const p = agentPod(ctx.resource);
    const c = p?.container;
    if (!p || !c || !allows(p, 'probes')) return;
    const ports = Array.isArray(c.ports) ? c.ports.filter(isPlainObject) : [];
    const numbers = new Set(ports.map((x) => x.containerPort).filter((n) => typeof n === 'number'));
    const names = new Set(ports.map((x) => x.name).filter((n) => typeof n === 'string'));
    const declared = [...ports.map((x) => (typeof x.name === 'string' ? `${x.containerPort} (${x.name})` : String(x.containerPort)))];
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      const pr = c[probe];
      if (!isPlainObject(pr)) continue;
      for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
        const h = pr[handler];
        if (!isPlainObject(h) || h.port === undefined) continue;
        const port = h.port;
        const asNumber = typeof port === 'number' ? port : typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : undefined;
        if (asNumber !== undefined) {
          if (ports.length === 0 || numbers.has(asNumber)) continue;
        } else if (typeof port === 'string') {
          if (names.has(port)) continue;
        } else continue;
        ctx.report({
          pointer: `${p.containerPointer}/${probe}/${handler}/port`,
          message:
            ports.length === 0
              ? `${probe} uses the named port '${String(port)}', but the container declares no ports. Declare it under ports (name: ${String(port)}) or use the port number.`
              : `${probe} checks port ${typeof port === 'string' ? `'${port}'` : port}, which is not one of the container's ports (${declared.join(', ')}). Use one of them.`,
        });
      }
    }
  },
};
