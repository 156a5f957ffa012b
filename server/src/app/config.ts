import { readConfig, type Config, type Env } from '../core/config.ts';
import { boards } from './boards.ts';

export { ConfigError, redactedUrl, type Config } from '../core/config.ts';

/** Reads and validates the app's and every board's configuration, so a bad variable fails by name at start. */
export function loadConfig(env: Env = process.env): Config {
  return readConfig(env, boards);
}
