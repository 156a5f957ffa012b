import { loadConfig, ConfigError } from './app/config.ts';
import { buildApp } from './app/build-app.ts';
import { checkEngineSupported, UnsupportedEngineError } from './es/engine.ts';

/** Serves SPA + API. The only place that listens and handles signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const app = await buildApp(config);
  try {
    const engine = await checkEngineSupported(app.es);
    if (engine) app.log.info(`engine: ${engine.label}`);
  } catch (error) {
    if (!(error instanceof UnsupportedEngineError)) throw error;
    console.error(error.message);
    await app.close();
    process.exit(2);
  }
  const close = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ host: config.http.host, port: config.http.port });
}

await main();
