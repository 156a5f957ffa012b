import { loadConfig } from '../app/config.ts';
import { createEsWriter } from '../es/client.ts';
import { installIndexTemplates } from '../es/templates.ts';
import { boards } from '../app/boards.ts';
import type { Client } from '@elastic/elasticsearch';
import type { Config } from '../app/config.ts';

/** Installs every board's index templates; safe to run any number of times. */
export async function installAllTemplates(client: Client, config: Config): Promise<string[]> {
  return installIndexTemplates(
    client,
    boards.flatMap((board) => board.indexTemplates(config)),
  );
}

export async function setupCommand(): Promise<number> {
  const config = loadConfig();
  const client = createEsWriter(config.es);
  try {
    const names = await installAllTemplates(client, config);
    console.log(`Installed ${names.length} index template(s)${names.length ? `: ${names.join(', ')}` : ''}.`);
    for (const board of boards) {
      for (const note of (await board.storedDataNotes?.(client, config)) ?? []) console.log(note);
    }
    return 0;
  } finally {
    await client.close();
  }
}
