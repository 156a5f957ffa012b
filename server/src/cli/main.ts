import { parseArgs } from 'node:util';
import { ConfigError } from '../core/config.ts';
import { MissingToolError } from '../es/local/artifact.ts';
import { DEFAULT_ENGINE_ID, LOCAL_ENGINES, UnknownEngineError } from '../es/local/engines.ts';
import { InstanceError } from '../es/local/launcher.ts';
import { UnsupportedEngineError } from '../es/engine.ts';
import { esCommand } from './es-command.ts';
import { imagesCommand, IMAGES_USAGE } from './images-command.ts';
import { reclassifyCommand } from './reclassify-command.ts';
import { retentionCommand, RETENTION_USAGE } from './retention-command.ts';
import { ingestCommand, INGEST_USAGE } from './ingest-command.ts';
import { setupCommand } from './setup-command.ts';
import { seedCommand } from './seed-command.ts';
import { startCommand } from './start-command.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `Usage: npm run lookout -- <command>

  es start|stop|status [NAME] [--engine ID] [--instance NAME] [--port N] [--fresh]
                        a local engine (dev: 127.0.0.1:9200, test: 127.0.0.1:9201; another
                        instance name needs --port the first time). ID, default ${DEFAULT_ENGINE_ID}
                        or LOOKOUT_ENGINE: ${LOCAL_ENGINES.map((engine) => engine.id).join(', ')}
  setup                 install the index templates (idempotent)
  seed [--days N] [--scale X] [--seed N] [--board NAME]
                        write each board's demo data
${INGEST_USAGE}
${IMAGES_USAGE}
  reclassify            re-apply the deployment failure rules (DEPLOY_RULES_FILE) to stored failures
${RETENTION_USAGE}
  start                 what \`npm start\` runs: engine, templates, demo data, SPA build, server
`;

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      instance: { type: 'string' },
      engine: { type: 'string' },
      port: { type: 'string' },
      fresh: { type: 'boolean' },
      days: { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      board: { type: 'string' },
      'vision-batch': { type: 'string' },
      ids: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  switch (command) {
    case 'es':
      return esCommand(rest, values);
    case 'setup':
      return setupCommand();
    case 'seed':
      return seedCommand(values);
    case 'ingest':
      return ingestCommand(rest, values);
    case 'reclassify':
      return reclassifyCommand();
    case 'retention':
      return retentionCommand(rest);
    case 'images':
      return imagesCommand(rest);
    case 'start':
      return startCommand();
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (
    error instanceof ConfigError ||
    error instanceof MissingToolError ||
    error instanceof UnknownEngineError ||
    error instanceof InstanceError ||
    error instanceof UnsupportedEngineError
  ) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  }
}
