/** Answers for protocol features this framework does not offer: ephemeral resources and functions. */
import type { CallFunctionRequest, CallFunctionResponse, TypeNameRequest, WithDiagnostics } from '../messages';

export function ephemeralResourceUnsupported(request: TypeNameRequest): WithDiagnostics {
  return {
    diagnostics: [
      {
        severity: 'ERROR',
        summary: 'Unknown ephemeral resource type',
        detail: `This provider has no ephemeral resource types, so "${request.type_name ?? ''}" is not one.`,
      },
    ],
  };
}

export function getFunctions(): { functions: Record<string, never>; diagnostics: [] } {
  return { functions: {}, diagnostics: [] };
}

export function callFunction(request: CallFunctionRequest): CallFunctionResponse {
  return { error: { text: `This provider has no function named "${request.name ?? ''}".` } };
}
