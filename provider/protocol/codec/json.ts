/**
 * The JSON form of Terraform values: Terraform uses it for stored state handed to
 * UpgradeResourceState, and may use it in DynamicValue. JSON has no unknowns.
 */
import type { AttributeType, PlainValue } from '../../framework/types';
import { conform } from './values';

export function decodeJson(bytes: Uint8Array | string, type: AttributeType): PlainValue {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  return conform(JSON.parse(text), type, [], () => false);
}
