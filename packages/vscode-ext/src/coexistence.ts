// Beside Red Hat's YAML extension (redhat.vscode-yaml), which reports YAML syntax errors and shows
// every YAML file's keys in the Outline, Flokoa leaves both to it: no second copy of each syntax
// error (flokoa(syntax) beside YAML's own) and no second Outline group. Pure, for the settings
// the language server reads.

export const RED_HAT_YAML = 'redhat.vscode-yaml';

/**
 * The `flokoa` settings as the server should read them: with Red Hat YAML present, the `syntax`
 * rule is off unless the user chose its severity.
 */
export function settingsBeside(settings: unknown, redHatYaml: boolean): unknown {
  if (!redHatYaml) return settings;
  const s = (settings && typeof settings === 'object' ? settings : {}) as Record<string, unknown>;
  const rules = (s.rules && typeof s.rules === 'object' ? s.rules : {}) as Record<string, unknown>;
  if ('syntax' in rules || 'rules.syntax' in s) return settings;
  return { ...s, rules: { ...rules, syntax: 'off' } };
}
