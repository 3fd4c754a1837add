/**
 * importFrom for the constructs: cdktf's TerraformResource.importFrom adds a check that
 * Terraform is 1.5 or later (import blocks) to each imported resource, and each check runs
 * `terraform version` as a child process at synth: an app adopting a store of 200
 * integrations ran it 200 times, minutes on a loaded machine. Here the check is added once per
 * stack, and its answer is shared by every stack of the app: one `terraform version` per synth.
 */
import { App, TerraformStack, type TerraformProvider, type TerraformResource } from 'cdktf';
import type { IValidation } from 'constructs';

/** The stacks that have each check already, by the check's settings (binary, constraint, hint). */
const checkedStacks = new Map<string, WeakSet<TerraformStack>>();
/** The answers of the checks that ran, per app and by the same key: the Terraform binary does not change during a synth. */
const answers = new WeakMap<App, Map<string, string[]>>();

/** Adopts the remote object `id` into `resource` on the next apply, as resource.importFrom does. */
export function importFrom(resource: TerraformResource, id: string, provider?: TerraformProvider): void {
  const stack = TerraformStack.of(resource);
  const node = resource.node;
  node.addValidation = (validation: IValidation) => {
    const key = `${validation.constructor.name} ${JSON.stringify(validation)}`;
    const stacks = checkedStacks.get(key) ?? new WeakSet<TerraformStack>();
    checkedStacks.set(key, stacks);
    if (stacks.has(stack)) return;
    stacks.add(stack);
    stack.node.addValidation({
      validate: () => {
        const app = App.of(stack);
        const ofApp = answers.get(app) ?? new Map<string, string[]>();
        answers.set(app, ofApp);
        let answer = ofApp.get(key);
        if (!answer) ofApp.set(key, (answer = validation.validate()));
        return answer;
      },
    });
  };
  try {
    resource.importFrom(id, provider);
  } finally {
    // The instance property hid the method of Node's prototype; removing it shows that again.
    delete (node as { addValidation?: unknown }).addValidation;
  }
}
