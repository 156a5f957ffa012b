import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../src/app/config.ts';
import { buildApp, type BuildAppOptions } from '../src/app/build-app.ts';

/** The configuration production would read, pointed at the test engine. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ ES_URL: process.env.ES_URL, LOG_LEVEL: 'silent', ...env });
}

/** Builds the app exactly as `main.ts` does, with logging off. */
export async function testApp(
  env: Record<string, string> = {},
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(env), { logger: false, ...options });
  await app.ready();
  return app;
}

/** A fresh index name per test file, so files never see each other's documents. */
export function uniqueIndex(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}`;
}
