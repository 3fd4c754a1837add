import type { MoveResourceStateRequest, WithDiagnostics } from '../messages';

/** Moving state between resource types is not offered (the server capability says so too). */
export function moveResourceState(request: MoveResourceStateRequest): WithDiagnostics {
  return {
    diagnostics: [
      {
        severity: 'ERROR',
        summary: 'Moving resource state is not supported',
        detail:
          `This provider cannot move state from ${request.source_type_name ?? 'another resource type'} ` +
          `to ${request.target_type_name ?? 'this resource type'}. Remove the moved block, or import the object instead.`,
      },
    ],
  };
}
