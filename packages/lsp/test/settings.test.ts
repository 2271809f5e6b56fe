// Reading the flokoa.* settings: shapes editors send, and what is ignored with a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readServerSettings } from '../src/settings.js';

test('readServerSettings: nested, dotted and wrapped shapes; invalid values reported and ignored', () => {
  const cases: { raw: unknown; defaultNamespace: string; rules: Record<string, string>; cluster?: object; problems: RegExp[] }[] = [
    { raw: undefined, defaultNamespace: 'default', rules: {}, problems: [] },
    {
      raw: { defaultNamespace: 'apps', rules: { 'image-latest': 'error' } },
      defaultNamespace: 'apps',
      rules: { 'image-latest': 'error' },
      problems: [],
    },
    { raw: { flokoa: { defaultNamespace: 'apps' } }, defaultNamespace: 'apps', rules: {}, problems: [] },
    {
      raw: { 'rules.missing-probe': 'off', defaultNamespace: 'x' },
      defaultNamespace: 'x',
      rules: { 'missing-probe': 'off' },
      problems: [],
    },
    { raw: { defaultNamespace: 'Not_A_Namespace' }, defaultNamespace: 'default', rules: {}, problems: [/not a valid namespace name/] },
    {
      raw: { rules: { 'image-latest': 'loud' } },
      defaultNamespace: 'default',
      rules: {},
      problems: [/image-latest: "loud" is not one of/],
    },
    { raw: { rules: { 'no-such-rule': 'off' } }, defaultNamespace: 'default', rules: {}, problems: [/there is no rule "no-such-rule"/] },
    {
      raw: { cluster: { enabled: true, context: 'prod', kubeconfig: '/k' } },
      defaultNamespace: 'default',
      rules: {},
      cluster: { enabled: true, context: 'prod', kubeconfig: '/k' },
      problems: [],
    },
    { raw: 'nonsense', defaultNamespace: 'default', rules: {}, problems: [] },
  ];
  for (const c of cases) {
    const problems: string[] = [];
    const s = readServerSettings(c.raw, problems);
    assert.equal(s.analysis.defaultNamespace, c.defaultNamespace, JSON.stringify(c.raw));
    assert.deepEqual(s.analysis.rules, c.rules, JSON.stringify(c.raw));
    assert.deepEqual(s.cluster, c.cluster ?? { enabled: false }, JSON.stringify(c.raw));
    assert.equal(problems.length, c.problems.length, `${JSON.stringify(c.raw)}: ${problems.join('; ')}`);
    c.problems.forEach((p, i) => assert.match(problems[i], p));
  }
});
