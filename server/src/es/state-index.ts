import { errors, type Client } from '@elastic/elasticsearch';

/**
 * Server-side state that is not any board's (today the cursor-signing key): one document per
 * item, `_id` = its name. Created here with its own settings rather than by a first write, which
 * would give it the engine's defaults — one replica (a single-node cluster turns yellow for it)
 * and a dynamic mapping.
 */
export const STATE_INDEX = 'lookout-state';

const STATE_INDEX_BODY = {
  settings: {
    number_of_shards: 1,
    // Green on one node, a copy elsewhere as soon as there is a second node.
    auto_expand_replicas: '0-1',
  },
  mappings: {
    dynamic: 'strict' as const,
    properties: {
      secret: { type: 'keyword' as const, index: false, doc_values: false },
      at: { type: 'date' as const },
    },
  },
};

/**
 * Creates the state index, or brings one made by an earlier version (by a bare first write, with
 * the defaults above) to these settings; both are idempotent, and another instance may be doing
 * the same at this moment.
 */
export async function ensureStateIndex(client: Client): Promise<void> {
  try {
    await client.indices.create({ index: STATE_INDEX, ...STATE_INDEX_BODY });
  } catch (error) {
    const alreadyThere =
      error instanceof errors.ResponseError &&
      error.statusCode === 400 &&
      JSON.stringify(error.body ?? '').includes('resource_already_exists_exception');
    if (!alreadyThere) throw error;
    await bringUpToDate(client);
  }
}

async function bringUpToDate(client: Client): Promise<void> {
  try {
    await client.indices.putSettings({
      index: STATE_INDEX,
      settings: { auto_expand_replicas: STATE_INDEX_BODY.settings.auto_expand_replicas },
    });
    // Only what can be added: an old index mapped `secret` dynamically (as text) keeps it.
    await client.indices.putMapping({
      index: STATE_INDEX,
      dynamic: 'strict',
      properties: { at: STATE_INDEX_BODY.mappings.properties.at },
    });
  } catch (error) {
    // A key without the index privileges can still read the state; the old settings stay.
    if (!(error instanceof errors.ResponseError)) throw error;
  }
}
