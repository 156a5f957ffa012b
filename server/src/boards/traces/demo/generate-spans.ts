import type { SeedOptions } from '../../../core/board.ts';
import { Random } from '../../../core/random.ts';
import type { AttributeMap, SpanKind } from '../mapping.ts';
import type { SpanSpec } from './span-document.ts';

/**
 * Demo traces of the same platform as the other boards' demos. The service names repeat the
 * containers demo's catalogue (boards/containers/demo/catalogue.ts) and the deployments demo's
 * list; the databases are the ones those services' logs name. Requests enter at
 * `partner-gateway`, call services (a client span in the caller, a server span in the callee),
 * which call databases and a queue. Incidents line up with the other demos:
 *   - errors after a failed deploy: the deployments demo's registry outage (30 minutes from 14:00
 *     UTC of the day about half the demo span ago, see registryOutage in
 *     boards/deployments/demo/generate-events.ts) leaves `payments` half rolled out: its charges
 *     fail for 45 minutes from then;
 *   - a database slowdown: `bookings-db` is slow for the 30 minutes before the containers demo's
 *     recent `booking-engine` failure (ECONNREFUSED to the database, 17 minutes before now), and
 *     `booking-engine` times out at the end of it.
 * A few large traces (the nightly `reporting` export, tens of thousands of spans) show the
 * waterfall at size.
 */

export const TRACES_PER_DAY = 2_000;
/**
 * The large traces at scale 1 (each at least 20,000 spans): nightly exports at 02:00 UTC two days
 * and one day ago, and one half an hour ago (inside the board's default hour).
 */
export const LARGE_TRACES = [
  { spans: 20_000, daysAgo: 2 },
  { spans: 30_000, daysAgo: 1 },
  { spans: 50_000, daysAgo: 0 },
] as const;

const MINUTE = 60_000;
const DAY = 86_400_000;
const MS = 1_000_000n;

/** The deployments demo's registry outage (repeated here: boards never import each other). */
export function failedDeployWindow(options: SeedOptions): { fromMs: number; toMs: number } {
  const back = options.now.getTime() - Math.ceil(options.days / 2) * DAY;
  const start = Math.floor(back / DAY) * DAY + 14 * 3_600_000;
  return { fromMs: start, toMs: start + 45 * MINUTE };
}

/** 30 minutes up to the containers demo's recent booking-engine failure (17 minutes ago). */
export function databaseSlowdown(options: SeedOptions): { fromMs: number; toMs: number } {
  const toMs = options.now.getTime() - 17 * MINUTE;
  return { fromMs: toMs - 30 * MINUTE, toMs };
}

interface Call {
  service: string;
  name: string;
  /** Own work in ms, before and around its calls. */
  selfMs: [number, number];
  attributes?: AttributeMap;
  kind?: SpanKind;
  /** The caller reaches it through a queue: producer → consumer instead of client → server. */
  queued?: boolean;
  calls?: Call[];
}

const db = (service: string, system: string, statement: string): Call => ({
  service,
  name: statement,
  selfMs: [1, 6],
  attributes: { 'db.system': system, 'db.statement': statement, 'server.address': `${service}.internal` },
});

const auth: Call = {
  service: 'auth',
  name: 'POST /verify',
  selfMs: [2, 5],
  calls: [db('redis-cache', 'redis', 'GET')],
};
const currency: Call = { service: 'currency', name: 'convert', selfMs: [1, 3] };
const pricing: Call = { service: 'pricing', name: 'POST /quote', selfMs: [8, 20], calls: [currency] };
const availability: Call = {
  service: 'availability',
  name: 'GET /availability',
  selfMs: [5, 15],
  calls: [db('availability-db', 'postgresql', 'SELECT rooms')],
};
const hotelContent: Call = {
  service: 'hotel-content',
  name: 'GET /content',
  selfMs: [1, 6],
  calls: [db('redis-cache', 'redis', 'GET')],
};
const payments: Call = {
  service: 'payments',
  name: 'POST /charge',
  selfMs: [30, 90],
  calls: [db('payments-db', 'postgresql', 'INSERT charges')],
};

/** Request flows at the gateway, with their share of traffic. */
const FLOWS: ReadonlyArray<readonly [Call, number]> = [
  [
    {
      service: 'partner-gateway',
      name: 'GET /hotels',
      selfMs: [2, 6],
      calls: [
        auth,
        {
          service: 'search-api',
          name: 'GET /search',
          selfMs: [10, 40],
          calls: [availability, pricing, hotelContent],
        },
      ],
    },
    45,
  ],
  [
    {
      service: 'partner-gateway',
      name: 'POST /bookings',
      selfMs: [2, 6],
      calls: [
        auth,
        {
          service: 'booking-engine',
          name: 'POST /book',
          selfMs: [10, 30],
          calls: [
            availability,
            db('bookings-db', 'postgresql', 'INSERT bookings'),
            payments,
            {
              service: 'notifications',
              name: 'booking.created process',
              selfMs: [3, 8],
              queued: true,
              calls: [{ service: 'mail-sender', name: 'POST /send', selfMs: [20, 60] }],
            },
          ],
        },
      ],
    },
    20,
  ],
  [
    {
      service: 'partner-gateway',
      name: 'POST /checkout',
      selfMs: [2, 6],
      calls: [
        auth,
        {
          service: 'checkout-api',
          name: 'POST /checkout',
          selfMs: [10, 25],
          calls: [
            {
              service: 'cart',
              name: 'GET /cart',
              selfMs: [2, 6],
              calls: [db('redis-cache', 'redis', 'HGETALL')],
            },
            pricing,
            payments,
            { service: 'loyalty', name: 'POST /points', selfMs: [4, 12] },
          ],
        },
      ],
    },
    20,
  ],
  [
    {
      service: 'partner-gateway',
      name: 'GET /profile',
      selfMs: [2, 6],
      calls: [
        auth,
        {
          service: 'profile',
          name: 'GET /profile',
          selfMs: [5, 12],
          calls: [
            db('profile-db', 'postgresql', 'SELECT users'),
            { service: 'reviews', name: 'GET /reviews', selfMs: [5, 20] },
          ],
        },
      ],
    },
    15,
  ],
];

interface Incidents {
  failedDeploy: { fromMs: number; toMs: number };
  slowdown: { fromMs: number; toMs: number };
}

/** Writes one call (server span, then its calls one after another) and returns its end. */
class TraceWriter {
  readonly spans: SpanSpec[] = [];
  private next = 0;

  constructor(
    private readonly random: Random,
    private readonly traceId: string,
    private readonly incidents: Incidents,
    private readonly startMs: number,
  ) {}

  /** A slot for a span written once its end is known, so spans stay in the order they start. */
  private reserve(): number {
    return this.spans.push(undefined as unknown as SpanSpec) - 1;
  }

  private spanId(): string {
    this.next += 1;
    return `${this.traceId.slice(0, 8)}${this.next.toString(16).padStart(8, '0')}`;
  }

  private ms(range: [number, number]): bigint {
    return BigInt(Math.round(this.random.between(range[0], range[1]) * 1_000_000));
  }

  /** The callee's server (or consumer) span under `parent`, with its own calls; its end in ns. */
  serve(
    call: Call,
    startNs: bigint,
    parent?: { spanId: string; service: string },
  ): { endNs: bigint; error?: string } {
    const spanId = this.spanId();
    const atMs = this.startMs;
    let cursor = startNs + this.ms(call.selfMs) / 2n;
    let error: string | undefined;
    const index = this.reserve();
    for (const child of call.calls ?? []) {
      const result = this.callOut(call.service, spanId, child, cursor);
      cursor = result.endNs + this.ms([0.1, 1]);
      if (result.error && !error) error = `${child.service}: ${result.error}`;
    }
    let endNs = cursor + this.ms(call.selfMs) / 2n;
    const { failedDeploy, slowdown } = this.incidents;
    if (call.service === 'bookings-db' && atMs >= slowdown.fromMs && atMs < slowdown.toMs) {
      endNs += BigInt(Math.round(this.random.between(800, 2_500))) * MS;
    }
    if (
      call.service === 'payments' &&
      atMs >= failedDeploy.fromMs &&
      atMs < failedDeploy.toMs &&
      this.random.chance(0.35)
    ) {
      error = 'NoSuchMethodError: PaymentGateway.authorize (half-rolled-out revision)';
    }
    if (call.service === 'booking-engine' && endNs - startNs > 2_000n * MS)
      error = 'timeout after 2000 ms waiting for bookings-db';
    this.spans[index] = {
      traceId: this.traceId,
      spanId,
      ...(parent ? { parentSpanId: parent.spanId, parentService: parent.service } : {}),
      service: call.service,
      name: call.name,
      kind: call.kind ?? (call.queued ? 'consumer' : 'server'),
      startNs,
      durationNs: Number(endNs - startNs),
      ...(error ? { error } : {}),
      attributes: {
        ...call.attributes,
        ...(call.name.includes(' /')
          ? {
              'http.request.method': call.name.split(' ')[0],
              'http.route': call.name.split(' ')[1],
              'http.response.status_code': error ? 500 : 200,
            }
          : {}),
      },
    };
    return { endNs, ...(error ? { error } : {}) };
  }

  /** A client (or producer) span in `service`, and the callee's span under it. */
  private callOut(
    service: string,
    parentSpanId: string,
    call: Call,
    startNs: bigint,
  ): { endNs: bigint; error?: string } {
    const spanId = this.spanId();
    const index = this.reserve();
    const network = this.ms([0.2, 1.5]);
    const served = this.serve(call, startNs + network, { spanId, service });
    // A producer returns once the message is sent; the consumer runs on after it.
    const endNs = call.queued ? startNs + network * 2n : served.endNs + network;
    this.spans[index] = {
      traceId: this.traceId,
      spanId,
      parentSpanId,
      parentService: service,
      service,
      name: call.queued ? `${call.name.split(' ')[0]} publish` : call.name,
      kind: call.queued ? 'producer' : 'client',
      startNs,
      durationNs: Number(endNs - startNs),
      ...(served.error && !call.queued ? { error: served.error } : {}),
      attributes: { 'peer.service': call.service, ...(call.queued ? { 'messaging.system': 'kafka' } : {}) },
    };
    return { endNs, ...(served.error && !call.queued ? { error: served.error } : {}) };
  }
}

function traceIdOf(random: Random): string {
  return random.hex(32);
}

/** The nightly export: `reporting` reads every hotel's content, one call after another. */
function largeTrace(random: Random, spans: number, startMs: number, incidents: Incidents): SpanSpec[] {
  // Each item: a client span in reporting, the hotel-content server span, its cache call (2).
  const items = Math.max(1, Math.ceil((spans - 1) / 4));
  const root: Call = {
    service: 'reporting',
    name: 'nightly hotel export',
    selfMs: [50, 100],
    kind: 'internal',
  };
  const writer = new TraceWriter(random, traceIdOf(random), incidents, startMs);
  writer.serve({ ...root, calls: Array.from({ length: items }, () => hotelContent) }, BigInt(startMs) * MS);
  return writer.spans;
}

/** One nightly export trace of about `spans` spans at `startMs` (the bench's large trace). */
export function nightlyExportTrace(seed: number, spans: number, startMs: number): SpanSpec[] {
  const never = { fromMs: 0, toMs: 0 };
  return largeTrace(new Random(seed), spans, startMs, { failedDeploy: never, slowdown: never });
}

/** Every demo trace, oldest first; deterministic for a seed, `now`, days and scale. */
export function* generateDemoTraces(options: SeedOptions): Generator<SpanSpec[]> {
  const random = new Random(options.seed ^ 0x7ace5);
  const nowMs = options.now.getTime();
  const fromMs = nowMs - options.days * DAY;
  const incidents: Incidents = {
    failedDeploy: failedDeployWindow(options),
    slowdown: databaseSlowdown(options),
  };
  const count = Math.round(TRACES_PER_DAY * options.days * options.scale);
  const large = LARGE_TRACES.map(({ spans, daysAgo }) => ({
    spans: Math.max(100, Math.round(spans * options.scale)),
    atMs:
      daysAgo === 0 ? nowMs - 30 * MINUTE : Math.floor((nowMs - daysAgo * DAY) / DAY) * DAY + 2 * 3_600_000,
  })).filter(({ atMs }) => atMs > fromMs);
  for (let i = 0; i < count; i += 1) {
    const startMs = Math.round(fromMs + ((i + random.float()) / count) * (nowMs - fromMs - MINUTE));
    while (large.length > 0 && large[0]!.atMs <= startMs) {
      const { spans, atMs } = large.shift()!;
      yield largeTrace(random, spans, atMs, incidents);
    }
    const flow = random.weighted(FLOWS);
    const writer = new TraceWriter(random, traceIdOf(random), incidents, startMs);
    writer.serve(flow, BigInt(startMs) * MS + BigInt(random.int(0, 999_999)));
    yield writer.spans;
  }
}
