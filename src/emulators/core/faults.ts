/**
 * Deterministic fault injection. The same seed and the same sequence of requests give the
 * same faults, so a flaky-network test fails the same way every time it fails.
 */

export const FAULT_KINDS = ['429', '500', '503', 'reset-before', 'reset-after', 'latency'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultConfig {
  /** Probability in [0, 1] that an API request gets a fault. */
  rate: number;
  kinds: FaultKind[];
  latencyMs: number;
  seed: number;
  /** When set, injected 429 answers carry `Retry-After: <n>`; when absent they carry none. */
  retryAfterSeconds?: number;
}

/** mulberry32: tiny, fast, and good enough to spread faults evenly. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private config: FaultConfig | undefined;
  private random: () => number = Math.random;

  configure(config: FaultConfig | undefined): void {
    this.config = config && config.rate > 0 && config.kinds.length > 0 ? config : undefined;
    if (this.config) this.random = mulberry32(this.config.seed);
  }

  get current(): FaultConfig | undefined {
    return this.config;
  }

  /** Draws the fault for the next API request, or undefined for a clean answer. */
  next(): FaultKind | undefined {
    const config = this.config;
    if (!config) return undefined;
    if (this.random() >= config.rate) return undefined;
    return config.kinds[Math.floor(this.random() * config.kinds.length)];
  }
}

/** Parses the body of `POST /__admin/faults`; returns an error message for a bad body. */
export function parseFaultConfig(body: unknown): FaultConfig | undefined | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be a JSON object';
  const input = body as Record<string, unknown>;
  const rate = input.rate ?? 0;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) return 'rate must be a number between 0 and 1';
  if (rate === 0) return undefined;
  const kinds = input.kinds ?? [...FAULT_KINDS];
  if (!Array.isArray(kinds) || kinds.length === 0) return 'kinds must be a non-empty array';
  for (const kind of kinds) {
    if (!(FAULT_KINDS as readonly unknown[]).includes(kind)) {
      return `unknown fault kind ${JSON.stringify(kind)}; expected one of ${FAULT_KINDS.join(', ')}`;
    }
  }
  const latencyMs = input.latencyMs ?? 20;
  if (typeof latencyMs !== 'number' || !(latencyMs >= 0)) return 'latencyMs must be a non-negative number';
  const seed = input.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) return 'seed must be an integer';
  const retryAfterSeconds = input.retryAfterSeconds;
  if (retryAfterSeconds !== undefined && (typeof retryAfterSeconds !== 'number' || !Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0)) {
    return 'retryAfterSeconds must be a non-negative integer';
  }
  return { rate, kinds: kinds as FaultKind[], latencyMs, seed, retryAfterSeconds };
}
