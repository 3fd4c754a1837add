/** The drift report's entries: shared by the classifier and the write-only step it applies. */
/** `unmanaged`: an integration of the store that no configuration declares (from `*_integrations_exclusive`). */
export type DriftKind = 'changed' | 'deleted' | 'not-created' | 'config-changed' | 'unmanaged';

export const SENSITIVE_PLACEHOLDER = '(sensitive)';

export interface FieldDrift {
  /** Attribute path, e.g. "configuration.url" or "observes". */
  path: string;
  /** What the code declares; null when absent. Sensitive values are SENSITIVE_PLACEHOLDER. */
  declared: unknown;
  /** What the remote API holds; null when absent or deleted. */
  remote: unknown;
}

export interface ResourceDrift {
  address: string;
  /** The construct path from the synthesized configuration, when the resource came from a construct. */
  constructPath: string | null;
  kind: DriftKind;
  fields: FieldDrift[];
  /** Kind `unmanaged` only: the undeclared integration. */
  integration?: UnmanagedDrift;
  /** Kind `unmanaged` only: whether the configuration prunes it (apply deletes it) or only reports it. */
  prune?: boolean;
}

/** An undeclared integration as the report names it. */
export interface UnmanagedDrift {
  /** The provider, e.g. "elasticpath". */
  provider: string;
  /** The store (Elastic Path store id, "default" without store_id) or "account" (Sendcloud). */
  store: string;
  id: string;
  name: string | null;
  type: string | null;
  destination: string | null;
}
