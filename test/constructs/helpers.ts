/** Shared set-up for the construct tests: a fresh stack, its synthesized JSON, and warnings by construct. */
import { AnnotationMetadataEntryType, TerraformStack, Testing } from 'cdktf';
import type { IConstruct } from 'constructs';
// Declares cdktf's jest matchers (toHaveResourceWithProperties, ...) for the type checker.
import 'cdktf/lib/testing/adapters/jest';
import { ElasticPathProvider, SendcloudProvider } from '../../src/constructs';

/** A stack without providers (cdktf's own validation then requires the tests to add them). */
export function bareStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'stack');
}

/** A stack with both default providers, configured from the environment. */
export function newStack(): TerraformStack {
  const stack = bareStack();
  new ElasticPathProvider(stack, 'elasticpath');
  new SendcloudProvider(stack, 'sendcloud');
  return stack;
}

/** Synthesizes with validations (as `cdktf synth` does) and parses the result. */
export function synthesized(stack: TerraformStack): Record<string, any> {
  return JSON.parse(Testing.synth(stack, true));
}

/** The warning annotations attached to a construct itself. */
export function warningsOf(construct: IConstruct): string[] {
  return construct.node.metadata
    .filter((entry) => entry.type === AnnotationMetadataEntryType.WARN)
    .map((entry) => String(entry.data));
}

/** Every warning annotation in the stack. */
export function allWarnings(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap(warningsOf);
}
