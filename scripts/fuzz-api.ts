// Fuzzes the API from its own OpenAPI document with schemathesis (PyPI, in a venv under .lookout/):
// starts the BFF on a free port against ES_URL (else the local `test` engine), runs a bounded
// number of cases per operation, and fails on any 5xx or any response that breaks its schema.
// Usage: node --import tsx scripts/fuzz-api.ts [--max-examples N] [--seed N]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/src/app/build-app.ts';
import { loadConfig } from '../server/src/app/config.ts';
import { engineForScript } from './script-engine.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const venv = path.join(root, '.lookout', 'fuzz-venv');
const st = path.join(venv, 'bin', 'st');
/** Pinned, so a new release cannot change what a green run means. */
const SCHEMATHESIS = 'schemathesis==4.32.5';
const reportDir = path.join(root, '.lookout', 'test-reports', 'fuzz');

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} expects a whole number ≥ 1`);
  return value;
}

/** Creates the venv and installs schemathesis once; later runs reuse it. */
function ensureSchemathesis(): void {
  if (existsSync(st)) return;
  console.log(`Installing ${SCHEMATHESIS} into ${path.relative(root, venv)} …`);
  const steps: Array<[string, string[]]> = [
    ['python3', ['-m', 'venv', venv]],
    [path.join(venv, 'bin', 'pip'), ['install', '--quiet', SCHEMATHESIS]],
  ];
  for (const [command, args] of steps) {
    const result = spawnSync(command, args, { stdio: 'inherit' });
    if (result.status !== 0) {
      throw new Error(
        `${command} ${args.join(' ')} failed; on Debian, python3 -m venv needs the python3-venv package`,
      );
    }
  }
}

interface JunitFigures {
  cases: number;
  failures: number;
}

/** Operations and failures from schemathesis' JUnit report (one test case per operation). */
function readJunit(file: string): JunitFigures {
  if (!existsSync(file)) return { cases: 0, failures: 0 };
  const xml = readFileSync(file, 'utf8');
  const attribute = (name: string) =>
    [...xml.matchAll(new RegExp(`<testsuite [^>]*\\b${name}="(\\d+)"`, 'g'))].reduce(
      (sum, match) => sum + Number(match[1]),
      0,
    );
  return { cases: attribute('tests'), failures: attribute('failures') + attribute('errors') };
}

async function main(): Promise<number> {
  const maxExamples = option('--max-examples', 25);
  const seed = option('--seed', 1);
  ensureSchemathesis();

  const engine = await engineForScript();
  const esUrl = engine.url;

  // The same app as production, on a free port. The per-client rate limit is off: one fuzzer
  // sends far more than a person, and a 429 would only hide the answers under test.
  const config = loadConfig({
    ...process.env,
    ES_URL: esUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const app = await buildApp(config, { logger: false });
  // Counted here too, independently of schemathesis: every 5xx the app sent, by route.
  const serverErrors: string[] = [];
  let requests = 0;
  app.addHook('onResponse', async (request, reply) => {
    requests += 1;
    if (reply.statusCode >= 500) serverErrors.push(`${reply.statusCode} ${request.method} ${request.url}`);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;

  mkdirSync(reportDir, { recursive: true });
  const junit = path.join(reportDir, 'junit.xml');
  const started = performance.now();
  let status: number | null;
  try {
    // Asynchronous: the app under test answers from this very process.
    const child = spawn(
      st,
      [
        'run',
        `http://127.0.0.1:${port}/api/openapi.json`,
        '--checks',
        'not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance',
        '--max-examples',
        String(maxExamples),
        '--seed',
        String(seed),
        '--phases',
        'examples,coverage,fuzzing',
        // Ingest endpoints take signed SNS messages or a token (OTLP and Zipkin at the paths their
        // exporters fix); they have their own tests.
        '--exclude-path-regex',
        '^/(api/ingest/|v1/traces$|api/v2/spans$)',
        '--workers',
        '2',
        '--request-timeout',
        '30',
        '--suppress-health-check',
        'too_slow',
        '--report',
        'junit',
        '--report-junit-path',
        junit,
        '--warnings',
        'off',
      ],
      // schemathesis keeps its example database (.schemathesis/) in its working directory.
      { stdio: 'inherit', cwd: reportDir, env: { ...process.env, NO_COLOR: '1' } },
    );
    status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  } finally {
    await app.close();
    await engine.release();
  }

  const figures = readJunit(junit);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `\nfuzz: ${figures.cases} operations, ${requests} requests in ${seconds} s ` +
      `(max ${maxExamples} examples each, seed ${seed}); ` +
      `${figures.failures} failing operations, ${serverErrors.length} responses with 5xx`,
  );
  for (const line of [...new Set(serverErrors)].slice(0, 20)) console.log(`  ${line}`);
  return status === 0 && serverErrors.length === 0 ? 0 : 1;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});
