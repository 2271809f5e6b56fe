// The image input box's verdict, exactly the plugin's validation (grammar, and the HA guide's
// refusal of :latest and untagged images), worded for an input box rather than a CLI flag.
import { validateImageReference } from '@flokoa/kubectl-flokoa';

/** Undefined when the image is acceptable, else the message to show under the input. */
export function imageInputError(value: string): string | undefined {
  const v = validateImageReference(value.trim());
  return v.ok ? undefined : v.error.replace(' (or pass --allow-latest)', '');
}
