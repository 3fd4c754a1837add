/** Framework diagnostics and attribute paths to and from their protocol messages. */
import { Diagnostics, type AttributePath, type Diagnostic } from '../../framework/types';
import type { AttributePathMessage, DiagnosticMessage } from '../messages';

export function attributePathToMessage(path: AttributePath): AttributePathMessage {
  return {
    steps: path.map((step) => {
      if (typeof step === 'string') return { attribute_name: step };
      if (typeof step === 'number') return { element_key_int: step };
      return { element_key_string: step.key };
    }),
  };
}

export function diagnosticToMessage(diagnostic: Diagnostic): DiagnosticMessage {
  const message: DiagnosticMessage = {
    severity: diagnostic.severity === 'error' ? 'ERROR' : 'WARNING',
    summary: diagnostic.summary,
  };
  if (diagnostic.detail) message.detail = diagnostic.detail;
  if (diagnostic.attribute && diagnostic.attribute.length > 0) {
    message.attribute = attributePathToMessage(diagnostic.attribute);
  }
  return message;
}

export function diagnosticsToMessages(diagnostics: Diagnostics | readonly Diagnostic[]): DiagnosticMessage[] {
  const items = diagnostics instanceof Diagnostics ? diagnostics.items : diagnostics;
  return items.map(diagnosticToMessage);
}
