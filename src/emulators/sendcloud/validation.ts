import type { StoredSendcloudIntegration } from './seed';

/*
 * Validation of Sendcloud integration updates, shared by API v3 (PATCH) and v2 (PATCH, PUT).
 * Field rules come from `integration-model` (v3) and `IntegrationUpdate` (v2); the two
 * cross-field rules from the prose: a webhook URL is required when the webhook is active,
 * and at least one carrier when service points are enabled. Rules are checked on the
 * merged result, so enabling the webhook of an integration that already has a URL is fine.
 * Messages follow the Django REST framework wording the v2 examples show.
 *
 * URLs must be absolute http(s) URLs: the spec says `format: uri`, and a shop or webhook
 * URL that Sendcloud cannot call over HTTP is of no use.
 *
 * An independent statement of the vendor's rules, on purpose: the setting names, the API
 * versions and the fields v2 accepts are written out here again rather than taken from
 * api/sendcloud-vocabulary.ts or the provider schema, so a mistake in those declarations
 * fails the tests against this emulator instead of passing both sides.
 */

export type SendcloudApiVersion = 'v2' | 'v3';

/** Codes from the v3 ErrorObject enum. */
export type SendcloudErrorCode = 'invalid' | 'required' | 'invalid_choice' | 'null' | 'not_a_list' | 'non_field_errors';

export interface FieldIssue {
  field: string;
  code: SendcloudErrorCode;
  message: string;
}

export const FEEDBACK_TYPES = ['eager', 'delayed', 'none'] as const;

export const SHOP_NAME_MAX_LENGTH = 250;

export type WritableSendcloudFields = Pick<
  StoredSendcloudIntegration,
  'shop_name' | 'shop_url' | 'service_point_enabled' | 'service_point_carriers' | 'webhook_active' | 'webhook_url' | 'feedback_type'
>;

const V2_FIELDS = ['shop_name', 'shop_url', 'service_point_enabled', 'service_point_carriers', 'webhook_active', 'webhook_url'] as const;
const V3_FIELDS = [...V2_FIELDS, 'feedback_type'] as const;

export const WEBHOOK_URL_REQUIRED = 'Webhook URL required when enable webhook is set to true';
export const CARRIER_REQUIRED = 'At least one carrier must be provided if the service point delivery is enabled.';

function isHttpUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  return 'dict';
}

function checkField(field: string, value: unknown, issues: FieldIssue[]): boolean {
  const issue = (code: SendcloudErrorCode, message: string) => {
    issues.push({ field, code, message });
    return false;
  };
  const nullable = field === 'webhook_url';
  if (value === null) return nullable ? true : issue('null', 'This field may not be null.');
  switch (field) {
    case 'shop_name':
      if (typeof value !== 'string') return issue('invalid', 'Not a valid string.');
      if (value.trim() === '') return issue('invalid', 'This field may not be blank.');
      if (value.length > SHOP_NAME_MAX_LENGTH) {
        return issue('invalid', `Ensure this field has no more than ${SHOP_NAME_MAX_LENGTH} characters.`);
      }
      return true;
    case 'shop_url':
    case 'webhook_url':
      if (typeof value !== 'string') return issue('invalid', 'Not a valid string.');
      if (value === '') return issue('invalid', 'This field may not be blank.');
      if (!isHttpUrl(value)) return issue('invalid', 'Enter a valid URL.');
      return true;
    case 'service_point_enabled':
    case 'webhook_active':
      if (typeof value !== 'boolean') return issue('invalid', 'Must be a valid boolean.');
      return true;
    case 'service_point_carriers':
      if (!Array.isArray(value)) return issue('not_a_list', `Expected a list of items but got type "${typeName(value)}".`);
      if (value.some((carrier) => typeof carrier !== 'string' || carrier.trim() === '')) {
        return issue('invalid', 'Each carrier must be a non-empty string.');
      }
      return true;
    case 'feedback_type':
      if (!(FEEDBACK_TYPES as readonly unknown[]).includes(value)) {
        return issue('invalid_choice', `"${String(value)}" is not a valid choice.`);
      }
      return true;
    default:
      return true;
  }
}

/**
 * Validates an update body. `full` is v2 PUT, where every field must be sent. Fields the
 * version does not define (and read-only ones such as `id`) are ignored, as the API does.
 */
export function validateSendcloudUpdate(
  body: unknown,
  current: StoredSendcloudIntegration,
  version: SendcloudApiVersion,
  full: boolean,
): { patch?: Partial<WritableSendcloudFields>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    issues.push({ field: 'non_field_errors', code: 'non_field_errors', message: 'Wrong request format, expected object' });
    return { issues };
  }
  const input = body as Record<string, unknown>;
  const fields = version === 'v3' ? V3_FIELDS : V2_FIELDS;
  const patch: Record<string, unknown> = {};
  for (const field of fields) {
    if (!(field in input)) {
      if (full) issues.push({ field, code: 'required', message: 'This field is required.' });
      continue;
    }
    if (checkField(field, input[field], issues)) {
      patch[field] = Array.isArray(input[field]) ? [...(input[field] as unknown[])] : input[field];
    }
  }
  if (issues.length > 0) return { issues };

  const merged = { ...current, ...patch } as StoredSendcloudIntegration;
  if (merged.webhook_active && !merged.webhook_url) {
    issues.push({ field: 'webhook_url', code: 'invalid', message: WEBHOOK_URL_REQUIRED });
  }
  if (merged.service_point_enabled && merged.service_point_carriers.length === 0) {
    issues.push({ field: 'service_point_carriers', code: 'invalid', message: CARRIER_REQUIRED });
  }
  if (issues.length > 0) return { issues };
  return { patch: patch as Partial<WritableSendcloudFields>, issues };
}

/** Renders field errors the way the v2 API does: a Python dict repr in `message`. */
export function pythonDictRepr(issues: FieldIssue[]): string {
  const quote = (text: string) =>
    text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const grouped = new Map<string, string[]>();
  for (const issue of issues) grouped.set(issue.field, [...(grouped.get(issue.field) ?? []), issue.message]);
  const entries = [...grouped].map(([field, messages]) => `${quote(field)}: [${messages.map(quote).join(', ')}]`);
  return `{${entries.join(', ')}}`;
}
