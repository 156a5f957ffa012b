import type { Random } from '../../../core/random.ts';
import type { Runtime } from './catalogue.ts';

/**
 * What the demo containers print, line by line, as the real runtimes print it: pino JSON from
 * Node, Spring-style lines from the JVM (and `Picked up JAVA_TOOL_OPTIONS` on stderr), uvicorn
 * whose own log goes to stderr and whose access log goes to stdout, slog JSON from Go, Envoy on
 * stderr. Failures end the way each runtime dies: an unhandled rejection, a traceback, an
 * uncaught exception, a panic, a shell that cannot find its command, or nothing (OOM kill).
 */

export type FailureScenario =
  | 'db-refused'
  | 'missing-config-python'
  | 'missing-config-java'
  | 'out-of-memory'
  | 'image-pull'
  | 'fargate-secrets'
  | 'crash-loop'
  | 'huge-line'
  | 'health-check'
  | 'command-not-found';

export type ContainerRole =
  /** A service's app: runs until now, or until ECS stops it on purpose (SIGTERM at the end). */
  | { kind: 'service'; stopped: boolean }
  | { kind: 'job' }
  | { kind: 'failure'; scenario: FailureScenario }
  | { kind: 'envoy'; stopped: boolean };

export interface LogContext {
  service: string;
  version: string;
  runtime: Runtime;
  /** Docker sets the hostname to the first 12 characters of the container id. */
  hostname: string;
  /** When the process started and when it exited (now, for a container still running). */
  startMs: number;
  endMs: number;
  role: ContainerRole;
}

export interface AppLine {
  atMs: number;
  source: 'stdout' | 'stderr';
  text: string;
}

/** Lines at offsets from a point in time, in the order given. */
type Script = [offsetMs: number, source: AppLine['source'], text: string][];

const DB_HOST = '10.0.3.12';

function isoMs(ms: number): string {
  return new Date(ms).toISOString();
}

function pino(ms: number, hostname: string, level: number, msg: string, extra: object = {}): string {
  return JSON.stringify({ level, time: ms, pid: 1, hostname, ...extra, msg });
}

function slog(ms: number, level: string, msg: string, extra: object = {}): string {
  return JSON.stringify({
    time: `${isoMs(ms).slice(0, 23)}${String(ms % 997).padStart(6, '0')}Z`,
    level,
    msg,
    ...extra,
  });
}

function spring(
  ms: number,
  service: string,
  thread: string,
  logger: string,
  level: string,
  msg: string,
): string {
  return `${isoMs(ms)} ${level.padStart(5)} 1 --- [${service}] [${thread.padStart(15)}] ${logger.padEnd(40)} : ${msg}`;
}

function pythonLog(ms: number, level: string, logger: string, msg: string): string {
  const text = isoMs(ms).replace('T', ' ').replace('Z', '');
  return `${text.slice(0, 19)},${text.slice(20, 23)} ${level} ${logger}: ${msg}`;
}

function envoy(ms: number, level: string, component: string, source: string, msg: string): string {
  const text = isoMs(ms).replace('T', ' ').replace('Z', '');
  return `[${text}][1][${level}][${component}] [${source}] ${msg}`;
}

function javaClass(service: string): string {
  const parts = service.split('-');
  return `c.t.${parts[0]}.${parts.map((part) => part[0]!.toUpperCase() + part.slice(1)).join('')}Application`;
}

// ---------------------------------------------------------------------------------------------
// Start-up chatter (the same for a healthy start and for the failures that get that far)

function startup(context: LogContext): Script {
  const { service, version, hostname, startMs } = context;
  const t = (offset: number) => startMs + offset;
  switch (context.runtime) {
    case 'node':
      return [
        [2, 'stdout', `> ${service}@${version} start`],
        [3, 'stdout', '> node --enable-source-maps dist/server.js'],
        [
          310,
          'stderr',
          '(node:1) [DEP0040] DeprecationWarning: The `punycode` module is deprecated. Please use a userland alternative instead.',
        ],
        [311, 'stderr', '(Use `node --trace-deprecation ...` to show where the warning was created)'],
        [420, 'stdout', pino(t(420), hostname, 30, 'loading configuration', { env: 'production', version })],
        [
          433,
          'stdout',
          pino(t(433), hostname, 30, 'connecting to postgres', {
            host: DB_HOST,
            port: 5432,
            database: service.replace('-', '_'),
          }),
        ],
      ];
    case 'java':
      return [
        [0, 'stderr', 'Picked up JAVA_TOOL_OPTIONS: -XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError'],
        [
          780,
          'stdout',
          spring(
            t(780),
            service,
            'main',
            javaClass(service),
            'INFO',
            `Starting ${javaClass(service).split('.').pop()} v${version} using Java 21.0.5 with PID 1 (/app/app.jar started by app in /app)`,
          ),
        ],
        [
          784,
          'stdout',
          spring(
            t(784),
            service,
            'main',
            javaClass(service),
            'INFO',
            'The following 1 profile is active: "production"',
          ),
        ],
        [
          2_310,
          'stdout',
          spring(
            t(2_310),
            service,
            'main',
            'o.s.b.w.embedded.tomcat.TomcatWebServer',
            'INFO',
            'Tomcat initialized with port 8080 (http)',
          ),
        ],
        [
          2_350,
          'stdout',
          spring(
            t(2_350),
            service,
            'main',
            'o.apache.catalina.core.StandardService',
            'INFO',
            'Starting service [Tomcat]',
          ),
        ],
        [
          3_120,
          'stdout',
          spring(
            t(3_120),
            service,
            'main',
            'com.zaxxer.hikari.HikariDataSource',
            'INFO',
            'HikariPool-1 - Starting...',
          ),
        ],
      ];
    case 'python':
      return [
        [0, 'stdout', `Starting ${service} ${version} (uvicorn, 2 workers) on :8000`],
        [35, 'stdout', `Rendering /etc/${service}/settings.toml from the environment`],
      ];
    case 'go':
      return [
        [0, 'stdout', slog(t(0), 'INFO', `starting ${service}`, { version, go: 'go1.23.4' })],
        [6, 'stdout', slog(t(6), 'INFO', 'config loaded', { source: 'env', region: 'eu-west-1' })],
        [90, 'stdout', slog(t(90), 'INFO', 'connected', { target: 'redis://10.0.4.7:6379' })],
      ];
  }
}

/** The lines that say "started" (after which a healthy process serves requests). */
function ready(context: LogContext): Script {
  const { service, hostname, startMs } = context;
  const t = (offset: number) => startMs + offset;
  switch (context.runtime) {
    case 'node':
      return [
        [612, 'stdout', pino(t(612), hostname, 30, 'connected to postgres', { host: DB_HOST, port: 5432 })],
        [640, 'stdout', pino(t(640), hostname, 30, 'Server listening at http://0.0.0.0:3000')],
      ];
    case 'java':
      return [
        [
          3_480,
          'stdout',
          spring(
            t(3_480),
            service,
            'main',
            'com.zaxxer.hikari.HikariDataSource',
            'INFO',
            'HikariPool-1 - Start completed.',
          ),
        ],
        [
          5_905,
          'stdout',
          spring(
            t(5_905),
            service,
            'main',
            'o.s.b.w.embedded.tomcat.TomcatWebServer',
            'INFO',
            "Tomcat started on port 8080 (http) with context path '/'",
          ),
        ],
        [
          5_920,
          'stdout',
          spring(
            t(5_920),
            service,
            'main',
            javaClass(service),
            'INFO',
            `Started ${javaClass(service).split('.').pop()} in 5.61 seconds (process running for 6.02)`,
          ),
        ],
      ];
    case 'python':
      return [
        [900, 'stderr', 'INFO:     Started server process [1]'],
        [901, 'stderr', 'INFO:     Waiting for application startup.'],
        [1_240, 'stderr', 'INFO:     Application startup complete.'],
        [1_241, 'stderr', 'INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)'],
      ];
    case 'go':
      return [[140, 'stdout', slog(t(140), 'INFO', 'listening', { addr: ':8080' })]];
  }
}

function requestLine(context: LogContext, random: Random, ms: number): AppLine {
  const { service, hostname } = context;
  const path = `/${service.split('-')[0]}/${random.int(1_000, 999_999)}`;
  const status = random.weighted([
    [200, 90],
    [404, 6],
    [304, 3],
    [500, 1],
  ] as const);
  const took = random.between(0.8, 180).toFixed(1);
  switch (context.runtime) {
    case 'node':
      return {
        atMs: ms,
        source: 'stdout',
        text: pino(ms, hostname, status >= 500 ? 50 : 30, 'request completed', {
          reqId: `req-${random.alnum(6)}`,
          req: { method: 'GET', url: path },
          res: { statusCode: status },
          responseTime: Number(took),
        }),
      };
    case 'java':
      return {
        atMs: ms,
        source: 'stdout',
        text: spring(
          ms,
          service,
          `nio-8080-exec-${random.int(1, 10)}`,
          `c.t.${service.split('-')[0]}.web.AccessLog`,
          'INFO',
          `GET ${path} ${status} ${took}ms`,
        ),
      };
    case 'python':
      return {
        atMs: ms,
        source: 'stdout',
        text: `INFO:     10.0.${random.int(0, 15)}.${random.int(2, 250)}:${random.int(32_768, 60_999)} - "GET ${path} HTTP/1.1" ${status} ${status === 200 ? 'OK' : status === 404 ? 'Not Found' : status === 304 ? 'Not Modified' : 'Internal Server Error'}`,
      };
    case 'go':
      return {
        atMs: ms,
        source: 'stdout',
        text: slog(ms, status >= 500 ? 'ERROR' : 'INFO', 'request', {
          method: 'GET',
          path,
          status,
          duration_ms: Number(took),
        }),
      };
  }
}

/** Printed between SIGTERM (ECS stopping the task on purpose) and the exit. */
function shutdown(context: LogContext): Script {
  const { service, hostname, endMs } = context;
  const t = (offset: number) => endMs + offset;
  switch (context.runtime) {
    case 'node':
      return [
        [-420, 'stdout', pino(t(-420), hostname, 30, 'received SIGTERM, closing server')],
        [-35, 'stdout', pino(t(-35), hostname, 30, 'server closed')],
      ];
    case 'java':
      return [
        [
          -900,
          'stdout',
          spring(
            t(-900),
            service,
            'ionShutdownHook',
            'o.s.b.w.embedded.tomcat.GracefulShutdown',
            'INFO',
            'Commencing graceful shutdown. Waiting for active requests to complete',
          ),
        ],
        [
          -120,
          'stdout',
          spring(
            t(-120),
            service,
            'tomcat-shutdown',
            'o.s.b.w.embedded.tomcat.GracefulShutdown',
            'INFO',
            'Graceful shutdown complete',
          ),
        ],
        [
          -60,
          'stdout',
          spring(
            t(-60),
            service,
            'ionShutdownHook',
            'com.zaxxer.hikari.HikariDataSource',
            'INFO',
            'HikariPool-1 - Shutdown completed.',
          ),
        ],
      ];
    case 'python':
      return [
        [-300, 'stderr', 'INFO:     Shutting down'],
        [-200, 'stderr', 'INFO:     Waiting for application shutdown.'],
        [-190, 'stderr', 'INFO:     Application shutdown complete.'],
        [-180, 'stderr', 'INFO:     Finished server process [1]'],
      ];
    case 'go':
      return [
        [-250, 'stdout', slog(t(-250), 'INFO', 'shutting down', { signal: 'terminated' })],
        [-20, 'stdout', slog(t(-20), 'INFO', 'bye')],
      ];
  }
}

// ---------------------------------------------------------------------------------------------
// How each failure ends (offsets before the exit)

/** Node 20 on an unhandled promise rejection (pg could not connect). */
const NODE_UNHANDLED_REJECTION: Script = [
  [-40, 'stderr', 'node:internal/process/promises:289'],
  [-40, 'stderr', '            triggerUncaughtException(err, true /* fromPromise */);'],
  [-40, 'stderr', '            ^'],
  [-39, 'stderr', `Error: connect ECONNREFUSED ${DB_HOST}:5432`],
  [-39, 'stderr', '    at /app/node_modules/pg-pool/index.js:45:11'],
  [-39, 'stderr', '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)'],
  [-39, 'stderr', '    at async PostgresClient.connect (/app/dist/db/postgres-client.js:31:24)'],
  [-39, 'stderr', `    at async main (/app/dist/server.js:57:5) {`],
  [-38, 'stderr', '  errno: -111,'],
  [-38, 'stderr', "  code: 'ECONNREFUSED',"],
  [-38, 'stderr', "  syscall: 'connect',"],
  [-38, 'stderr', `  address: '${DB_HOST}',`],
  [-38, 'stderr', '  port: 5432'],
  [-38, 'stderr', '}'],
  [-37, 'stderr', 'Node.js v20.18.1'],
];

const PYTHON_KEY_ERROR: Script = [
  [-60, 'stderr', 'Traceback (most recent call last):'],
  [-60, 'stderr', '  File "/usr/local/bin/uvicorn", line 8, in <module>'],
  [-60, 'stderr', '    sys.exit(main())'],
  [-60, 'stderr', '             ^^^^^^'],
  [
    -59,
    'stderr',
    '  File "/usr/local/lib/python3.12/site-packages/uvicorn/importer.py", line 19, in import_from_string',
  ],
  [-59, 'stderr', '    module = importlib.import_module(module_str)'],
  [-59, 'stderr', '             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^'],
  [-59, 'stderr', '  File "/app/pricing/main.py", line 7, in <module>'],
  [-59, 'stderr', '    from pricing.settings import settings'],
  [-58, 'stderr', '  File "/app/pricing/settings.py", line 12, in <module>'],
  [-58, 'stderr', '    DATABASE_URL = os.environ["DATABASE_URL"]'],
  [-58, 'stderr', '                   ~~~~~~~~~~^^^^^^^^^^^^^^^^'],
  [-58, 'stderr', '  File "<frozen os>", line 714, in __getitem__'],
  [-57, 'stderr', "KeyError: 'DATABASE_URL'"],
];

function javaMissingConfig(): Script {
  return [
    [
      -80,
      'stderr',
      'Exception in thread "main" java.lang.IllegalStateException: Missing required configuration PARTNER_API_KEY (set it in the task definition or Secrets Manager)',
    ],
    [-80, 'stderr', '\tat com.travelco.partner.config.Settings.require(Settings.java:57)'],
    [-80, 'stderr', '\tat com.travelco.partner.config.Settings.load(Settings.java:31)'],
    [
      -79,
      'stderr',
      '\tat com.travelco.partner.PartnerGatewayApplication.main(PartnerGatewayApplication.java:22)',
    ],
  ];
}

const GO_PANIC: Script = [
  [-15, 'stderr', 'panic: runtime error: invalid memory address or nil pointer dereference'],
  [-15, 'stderr', '[signal SIGSEGV: segmentation violation code=0x1 addr=0x28 pc=0x8c1f4e]'],
  [-15, 'stderr', 'goroutine 1 [running]:'],
  [
    -14,
    'stderr',
    'github.com/travelco/inventory-sync/internal/feed.(*Client).Fetch(0x0, {0xa1b2c0, 0xc0001a6000}, {0xc00002e0c0, 0x1f})',
  ],
  [-14, 'stderr', '\t/src/internal/feed/client.go:88 +0x2e'],
  [-14, 'stderr', 'main.run({0xa1b2c0, 0xc0001a6000})'],
  [-14, 'stderr', '\t/src/cmd/inventory-sync/main.go:64 +0x1c5'],
  [-14, 'stderr', 'main.main()'],
  [-14, 'stderr', '\t/src/cmd/inventory-sync/main.go:31 +0x45'],
];

/** Over 16 KB on one line: Docker sends it in 16 KB parts (fluentd.ts splits it). */
export function hugeExceptionLine(): string {
  const columns: string[] = [];
  for (let i = 1; columns.join(', ').length < 40_000; i++) {
    columns.push(`"market_${String(i).padStart(4, '0')}_net_revenue_eur"`);
  }
  return (
    'Exception in thread "main" java.lang.IllegalArgumentException: Report definition ' +
    `'partner-revenue-by-market' references unknown columns [${columns.join(', ')}] ` +
    '(known columns are listed in s3://travelco-reporting/schemas/revenue-v7.json)'
  );
}

function hugeLineFailure(): Script {
  return [
    [-30, 'stderr', hugeExceptionLine()],
    [
      -30,
      'stderr',
      '\tat com.travelco.reporting.definitions.ReportDefinition.validate(ReportDefinition.java:118)',
    ],
    [
      -30,
      'stderr',
      '\tat com.travelco.reporting.definitions.DefinitionLoader.load(DefinitionLoader.java:64)',
    ],
    [-29, 'stderr', '\tat com.travelco.reporting.ReportingApplication.main(ReportingApplication.java:27)'],
  ];
}

function failureEnding(context: LogContext, scenario: FailureScenario): Script {
  const { service, hostname, endMs } = context;
  const t = (offset: number) => endMs + offset;
  switch (scenario) {
    case 'db-refused':
      return [
        [
          -2_050,
          'stdout',
          pino(t(-2_050), hostname, 40, 'postgres not reachable, retrying', { attempt: 1, host: DB_HOST }),
        ],
        [
          -1_020,
          'stdout',
          pino(t(-1_020), hostname, 40, 'postgres not reachable, retrying', { attempt: 2, host: DB_HOST }),
        ],
        ...NODE_UNHANDLED_REJECTION,
      ];
    case 'missing-config-python':
      return PYTHON_KEY_ERROR;
    case 'missing-config-java':
      return javaMissingConfig();
    case 'out-of-memory':
      // The kernel kills the process: nothing is printed at the end.
      return [
        [
          -95_000,
          'stdout',
          spring(
            t(-95_000),
            service,
            'main',
            'c.t.search.index.SnapshotLoader',
            'INFO',
            'Loading hotel index snapshot s3://travelco-search/snapshots/hotels-latest.bin (2,412,331 documents, cache.preload=true)',
          ),
        ],
        [
          -61_000,
          'stdout',
          spring(
            t(-61_000),
            service,
            'main',
            'c.t.search.index.SnapshotLoader',
            'INFO',
            'loaded 800,000 documents (heap 2.1 GB)',
          ),
        ],
        [
          -24_000,
          'stdout',
          spring(
            t(-24_000),
            service,
            'main',
            'c.t.search.index.SnapshotLoader',
            'INFO',
            'loaded 1,600,000 documents (heap 3.3 GB)',
          ),
        ],
      ];
    case 'crash-loop':
      return [
        [
          -25,
          'stdout',
          slog(t(-25), 'WARN', 'feed has no endpoint configured, client not created', {
            feed: 'partner-hotelbeds',
          }),
        ],
        ...GO_PANIC,
      ];
    case 'huge-line':
      return hugeLineFailure();
    case 'health-check':
      return [
        [
          -150_000,
          'stdout',
          pino(t(-150_000), hostname, 40, 'redis not ready, /health answers 503', {
            target: 'redis://10.0.4.9:6379',
          }),
        ],
        [
          -60_000,
          'stdout',
          pino(t(-60_000), hostname, 30, 'request completed', {
            req: { method: 'GET', url: '/health' },
            res: { statusCode: 503 },
            responseTime: 1.9,
          }),
        ],
        [
          -30_000,
          'stdout',
          pino(t(-30_000), hostname, 30, 'request completed', {
            req: { method: 'GET', url: '/health' },
            res: { statusCode: 503 },
            responseTime: 2.4,
          }),
        ],
        ...shutdown(context),
      ];
    case 'command-not-found':
      return [
        [-12, 'stdout', 'Waiting for SMTP relay smtp.internal:25 ... ok'],
        [-3, 'stderr', '/entrypoint.sh: line 9: exec: gunicorn: not found'],
      ];
    case 'image-pull':
    case 'fargate-secrets':
      return [];
  }
}

/** Scenarios that fail before the app says it is ready (the rest print the ready lines first). */
const FAILS_DURING_STARTUP = new Set<FailureScenario>([
  'db-refused',
  'missing-config-python',
  'missing-config-java',
  'out-of-memory',
  'crash-loop',
  'huge-line',
  'command-not-found',
]);

function envoyLines(context: LogContext, random: Random): Script {
  const { startMs, endMs } = context;
  const initialized = random.int(60, 90);
  const lines: Script = [
    [
      0,
      'stderr',
      envoy(
        startMs,
        'info',
        'main',
        'source/server/server.cc:432',
        'initializing epoch 0 (base id=0, hot restart version=11.104)',
      ),
    ],
    [
      3,
      'stderr',
      envoy(
        startMs + 3,
        'info',
        'main',
        'source/server/server.cc:905',
        'runtime: layers: - name: static_layer',
      ),
    ],
    [
      41,
      'stderr',
      envoy(
        startMs + 41,
        'info',
        'upstream',
        'source/common/upstream/cluster_manager_impl.cc:246',
        'cm init: all clusters initialized',
      ),
    ],
    [
      initialized,
      'stderr',
      envoy(
        startMs + initialized,
        'info',
        'main',
        'source/server/server.cc:1021',
        'all clusters initialized. initializing init manager',
      ),
    ],
    [
      120,
      'stderr',
      envoy(startMs + 120, 'info', 'main', 'source/server/server.cc:1040', 'starting main dispatch loop'),
    ],
  ];
  if (context.role.kind === 'envoy' && context.role.stopped) {
    const offset = endMs - startMs;
    lines.push(
      [
        offset - 300,
        'stderr',
        envoy(endMs - 300, 'warning', 'main', 'source/server/server.cc:950', 'caught ENVOY_SIGTERM'),
      ],
      [
        offset - 298,
        'stderr',
        envoy(endMs - 298, 'info', 'main', 'source/server/server.cc:1077', 'shutting down server instance'),
      ],
      [offset - 10, 'stderr', envoy(endMs - 10, 'info', 'main', 'source/server/server.cc:1107', 'exiting')],
    );
  }
  return lines;
}

function jobLines(context: LogContext, random: Random): Script {
  const { service, startMs, endMs } = context;
  const took = endMs - startMs;
  const items = random.int(800, 9_000);
  if (context.runtime === 'go') {
    return [
      [0, 'stdout', slog(startMs, 'INFO', `starting ${service}`, { version: context.version })],
      [
        Math.floor(took * 0.3),
        'stdout',
        slog(startMs + Math.floor(took * 0.3), 'INFO', 'progress', {
          done: Math.floor(items / 3),
          total: items,
        }),
      ],
      [
        Math.floor(took * 0.7),
        'stdout',
        slog(startMs + Math.floor(took * 0.7), 'INFO', 'progress', {
          done: Math.floor((items * 2) / 3),
          total: items,
        }),
      ],
      [
        took - 30,
        'stdout',
        slog(endMs - 30, 'INFO', 'done', { items, duration_s: Number(((took - 30) / 1000).toFixed(1)) }),
      ],
    ];
  }
  // Python's logging writes to stderr unless told otherwise: INFO lines on stderr are normal.
  const logger = service.replace(/-/g, '_');
  return [
    [0, 'stderr', pythonLog(startMs, 'INFO', logger, `${service} ${context.version} starting`)],
    [40, 'stderr', pythonLog(startMs + 40, 'INFO', logger, 'fetching partner feeds (12 sources)')],
    [
      Math.floor(took * 0.5),
      'stderr',
      pythonLog(
        startMs + Math.floor(took * 0.5),
        'INFO',
        logger,
        `upserted ${Math.floor(items / 2)} of ${items} rows`,
      ),
    ],
    [
      took - 40,
      'stderr',
      pythonLog(endMs - 40, 'INFO', logger, `finished: ${items} rows in ${((took - 40) / 1000).toFixed(1)}s`),
    ],
  ];
}

function scriptLines(base: number, script: Script): AppLine[] {
  return script.map(([offset, source, text]) => ({ atMs: base + offset, source, text }));
}

/**
 * Every line one container prints between `startMs` and `endMs`, in time order. A healthy
 * service serves requests (one access-log line every ~20 s to 3 min) until it is stopped or now.
 */
export function* containerLines(context: LogContext, random: Random): Generator<AppLine> {
  const { role, startMs, endMs } = context;
  if (role.kind === 'envoy') {
    yield* scriptLines(startMs, envoyLines(context, random)).filter((line) => line.atMs <= endMs);
    return;
  }
  if (role.kind === 'job') {
    yield* scriptLines(startMs, jobLines(context, random));
    return;
  }
  if (role.kind === 'failure') {
    const beginning = scriptLines(startMs, startup(context));
    const ending = scriptLines(endMs, failureEnding(context, role.scenario));
    const endingFrom = ending[0]?.atMs ?? endMs;
    yield* beginning.filter((line) => line.atMs < endingFrom);
    if (!FAILS_DURING_STARTUP.has(role.scenario)) {
      yield* scriptLines(startMs, ready(context)).filter((line) => line.atMs < endingFrom);
    }
    yield* ending;
    return;
  }
  yield* scriptLines(startMs, startup(context));
  const readyLines = scriptLines(startMs, ready(context));
  yield* readyLines;
  const closing = role.stopped ? scriptLines(endMs, shutdown(context)) : [];
  const servingUntil = closing[0]?.atMs ?? endMs;
  let at = (readyLines.at(-1)?.atMs ?? startMs) + random.int(2_000, 20_000);
  while (at < servingUntil) {
    yield requestLine(context, random, at);
    at += random.int(20_000, 160_000);
  }
  yield* closing;
}
