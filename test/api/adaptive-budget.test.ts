/**
 * The adaptive rate budget, on fake time: how one budget reacts to refusals and answers, and
 * several processes (each its own HttpClient and budget, as separate provider processes are)
 * sharing one store that enforces its limit the way the emulators do.
 */
import { elasticPathRateBudget } from '../../api/elasticpath';
import { RateLimitTimeoutError } from '../../api/errors';
import { HttpClient } from '../../api/http';
import { PER_SECOND_LIMIT_ADAPTATION, RateBudget, TokenBucket } from '../../api/rate-limit';
import { sendcloudRateBudgets } from '../../api/sendcloud';
import type { Transport, TransportResponse } from '../../api/transport';
import { SlidingWindowRateLimiter } from '../../src/emulators/core/rate-limiter';
import { FakeClock, SimulatedClock } from './helpers';

describe('RateBudget adaptation (one process)', () => {
  function budget(clock: FakeClock) {
    return new RateBudget([new TokenBucket({ capacity: 5, refillPerSecond: 25 }, clock)], clock, { adaptive: PER_SECOND_LIMIT_ADAPTATION });
  }

  test('a refusal keeps 70% of the rate; refusals within the same second count once', () => {
    const clock = new FakeClock();
    const limited = budget(clock);
    limited.refused();
    limited.refused();
    clock.advance(999);
    limited.refused();
    expect(limited.share).toBeCloseTo(0.7);
    clock.advance(1);
    limited.refused();
    expect(limited.share).toBeCloseTo(0.49);
  });

  test('the lowered rate spaces requests further apart', async () => {
    const clock = new FakeClock();
    const limited = budget(clock);
    for (let i = 0; i < 5; i++) limited.reserve(); // the burst
    for (let i = 0; i < 4; i++) limited.refused(), clock.advance(1000);
    // 25 * 0.7^4 = 6.0 requests/s: each further request waits about 167 ms.
    const waits = [limited.reserve(), limited.reserve(), limited.reserve()];
    expect(waits[2]! - waits[1]!).toBeGreaterThanOrEqual(160);
    expect(waits[2]! - waits[1]!).toBeLessThanOrEqual(170);
  });

  test('the rate never drops below the minimum share', () => {
    const clock = new FakeClock();
    const limited = budget(clock);
    for (let i = 0; i < 50; i++) limited.refused(), clock.advance(1000);
    expect(limited.share).toBe(PER_SECOND_LIMIT_ADAPTATION.minimumShare);
  });

  test('answers raise the rate by a tenth of the budget per second of use, up to the full budget', async () => {
    const clock = new FakeClock();
    const limited = budget(clock);
    limited.refused();
    clock.advance(1000);
    limited.refused(); // 0.49
    const start = clock.now();
    while (clock.now() - start < 2_000) {
      await limited.acquire();
      limited.accepted();
    }
    expect(limited.share).toBeGreaterThan(0.67);
    expect(limited.share).toBeLessThan(0.72);
    while (clock.now() - start < 10_000) {
      await limited.acquire();
      limited.accepted();
    }
    expect(limited.share).toBe(1);
  });

  test('a process that sends nothing does not climb back', () => {
    const clock = new FakeClock();
    const limited = budget(clock);
    limited.refused();
    clock.advance(60_000);
    expect(limited.share).toBeCloseTo(0.7);
  });

  test('a budget without adaptation ignores refusals', () => {
    const clock = new FakeClock();
    const fixed = new RateBudget([new TokenBucket({ capacity: 5, refillPerSecond: 25 }, clock)], clock);
    fixed.refused();
    expect(fixed.share).toBe(1);
  });
});

/** A store enforcing `limit` requests per window as the emulators do: 429 with Retry-After in whole seconds. */
function simulatedStore(clock: SimulatedClock, limit: number, windowMs: number, latencyMs = 20) {
  const limiter = new SlidingWindowRateLimiter(limit, windowMs, () => clock.now());
  const accepted: Array<{ at: number; client: number }> = [];
  const refused: Array<{ at: number; client: number }> = [];
  const transport = (client: number): Transport => ({
    async send(): Promise<TransportResponse> {
      await clock.sleep(latencyMs / 2);
      const waitSeconds = limiter.tryAcquire();
      const at = clock.now();
      await clock.sleep(latencyMs / 2);
      if (waitSeconds !== undefined) {
        refused.push({ at, client });
        return { status: 429, headers: { 'retry-after': String(waitSeconds) }, body: '' };
      }
      accepted.push({ at, client });
      return { status: 200, headers: {}, body: '' };
    },
  });
  const between = (list: typeof accepted, fromMs: number, toMs: number, client?: number) =>
    list.filter((entry) => entry.at >= fromMs && entry.at < toMs && (client === undefined || entry.client === client)).length;
  return { transport, accepted, refused, between };
}

/** Starts `workers` request loops on one client, as Terraform's parallelism of 10 does; they stop at `untilMs`. */
function keepBusy(http: HttpClient, clock: SimulatedClock, workers: number, untilMs: number, method: 'POST' | 'PATCH', failures: unknown[]) {
  for (let worker = 0; worker < workers; worker++) {
    void (async () => {
      while (clock.now() < untilMs) {
        await http.request({ method, path: '/v2/integrations', json: {} }).catch((error: unknown) => failures.push(error));
      }
    })();
  }
}

describe('several processes sharing one Elastic Path store (25 requests/s)', () => {
  const LIMIT = 25;
  const PROCESSES = 4;

  async function share(adaptive: boolean) {
    const clock = new SimulatedClock();
    const store = simulatedStore(clock, LIMIT, 1000);
    const start = clock.now();
    const end = start + 40_000;
    const failures: unknown[] = [];
    const budgets: RateBudget[] = [];
    for (let client = 0; client < PROCESSES; client++) {
      const budget = adaptive
        ? elasticPathRateBudget(LIMIT, clock)
        : new RateBudget([new TokenBucket({ capacity: 5, refillPerSecond: LIMIT }, clock)], clock);
      budgets.push(budget);
      let seed = client + 1;
      const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      const http = new HttpClient({ name: `p${client}`, baseUrl: 'http://store.test', transport: store.transport(client), clock, random, budgets: { write: budget } });
      keepBusy(http, clock, 10, end, 'POST', failures);
    }
    await clock.run(40_000);
    // The last 30 s: after the processes have found their shares.
    const from = start + 10_000;
    const seconds = (end - from) / 1000;
    return {
      failures,
      budgets,
      servedPerSecond: store.between(store.accepted, from, end) / seconds,
      refusedPerSecond: store.between(store.refused, from, end) / seconds,
      perProcess: Array.from({ length: PROCESSES }, (_, client) => store.between(store.accepted, from, end, client) / seconds),
    };
  }

  test('together they settle near the store limit, each with a fair part, and 429s become rare', async () => {
    const adaptive = await share(true);
    expect(adaptive.failures).toEqual([]);
    expect(adaptive.servedPerSecond).toBeGreaterThanOrEqual(0.9 * LIMIT);
    for (const served of adaptive.perProcess) expect(served).toBeGreaterThanOrEqual((0.5 * LIMIT) / PROCESSES);
    // Each process sends about a quarter of its own budget of 25.
    const shares = adaptive.budgets.map((budget) => budget.share);
    expect(shares.reduce((a, b) => a + b, 0)).toBeLessThan(1.6);

    // Without adaptation every process keeps offering its 25/s: the store refuses more than it
    // serves, and serves less (refused requests sit out their Retry-After second).
    const fixed = await share(false);
    expect(adaptive.refusedPerSecond).toBeLessThan(fixed.refusedPerSecond / 3);
    expect(adaptive.servedPerSecond).toBeGreaterThan(fixed.servedPerSecond);
  });
});

describe('two processes sharing Sendcloud writes (100 per minute)', () => {
  test('every write passes, near the minute limit, without failing on 429', async () => {
    const clock = new SimulatedClock();
    const store = simulatedStore(clock, 100, 60_000);
    const start = clock.now();
    const end = start + 6 * 60_000;
    const failures: unknown[] = [];
    for (let client = 0; client < 2; client++) {
      const { writes } = sendcloudRateBudgets({}, clock);
      let seed = client + 7;
      const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      const http = new HttpClient({ name: `sc${client}`, baseUrl: 'http://sendcloud.test', transport: store.transport(client), clock, random, budgets: { write: writes } });
      keepBusy(http, clock, 10, end, 'PATCH', failures);
    }
    await clock.run(6 * 60_000);
    expect(failures).toEqual([]);
    // Minutes 2 to 6: the store's 100 writes a minute, nearly all used.
    const served = store.between(store.accepted, start + 60_000, end);
    expect(served).toBeGreaterThanOrEqual(0.85 * 500);
    expect(store.between(store.accepted, start + 60_000, end, 0)).toBeGreaterThanOrEqual(0.25 * served);
    expect(store.between(store.accepted, start + 60_000, end, 1)).toBeGreaterThanOrEqual(0.25 * served);
  });
});

describe('the rate-limit wait budget', () => {
  test('a store that stays rate-limited fails the request after maxRateLimitWaitMs, saying so', async () => {
    const clock = new SimulatedClock();
    const store = simulatedStore(clock, 1, 3_600_000);
    const http = new HttpClient({ name: 't', baseUrl: 'http://store.test', transport: store.transport(0), clock, random: () => 0.5, retry: { maxRateLimitWaitMs: 120_000 } });
    const first = http.request({ method: 'GET', path: '/v2/integrations' });
    const second = http.request({ method: 'GET', path: '/v2/integrations' }).catch((error: unknown) => error);
    await clock.run(10 * 60_000);
    await first;
    const error = await second;
    expect(error).toBeInstanceOf(RateLimitTimeoutError);
    // The emulator answers Retry-After 3600 s here: more than the 2 minutes this client waits.
    expect((error as Error).message).toBe(
      'GET /v2/integrations: the server stayed rate-limited for 0 s and asked to wait 60 min more, past the 2 min this client waits (1 answer 429 Too Many Requests)',
    );
  });
});
