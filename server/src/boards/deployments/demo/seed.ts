import type { Client } from '@elastic/elasticsearch';
import type { Config } from '../../../core/config.ts';
import type { BoardDemo, SeedContext, SeedReport } from '../../../core/board.ts';
import { hasDocuments } from '../../../es/request-basics.ts';
import { writeDocuments, type BulkDocument } from '../../../es/bulk-writer.ts';
import { loadRules } from '../rules.ts';
import { routeMessage, toStoredDeployment } from '../ingest/route-message.ts';
import { generateDemoNotifications } from './generate-events.ts';

/**
 * Demo data through the endpoint's own code after verification: each generated SNS notification's
 * `Message` goes through `routeMessage` and `toStoredDeployment` (routing, classification) exactly
 * as `POST /api/ingest/sns` does, then is written in bulk with `_id` = MessageId. Signing and
 * verifying 10,000s of demo messages would test nothing the SNS tests do not. The index template
 * is installed beforehand by `lookout setup` (board.indexTemplates), as for every board.
 */
export async function seedDeployments(context: SeedContext): Promise<SeedReport> {
  const { client, config, options, progress } = context;
  const rules = loadRules(config.deployments.rulesFile);
  progress.start('Writing demo deploy/release events', undefined, 'events');
  let skipped = 0;
  const documents = function* (): Generator<BulkDocument> {
    for (const { message } of generateDemoNotifications(options)) {
      const routed = routeMessage(message.Message);
      if (routed.route !== 'deployment') {
        skipped += 1;
        continue;
      }
      const document = toStoredDeployment(
        routed.event,
        { messageId: message.MessageId, topicArn: message.TopicArn, timestamp: message.Timestamp },
        rules,
        options.now,
      );
      yield { index: config.deployments.index, id: message.MessageId, document };
    }
  };
  const result = await writeDocuments(client, documents(), {
    refresh: true,
    onProgress: (handled) => progress.update(handled),
  });
  progress.done(`${result.indexed.toLocaleString('en-US')} events, ${result.alreadyPresent} already present`);
  for (const rejected of result.rejected.slice(0, 10))
    progress.log(`  rejected ${rejected.id}: ${rejected.reason}`);
  return {
    indexed: result.indexed,
    alreadyPresent: result.alreadyPresent,
    rejected: result.rejected.length + skipped,
  };
}

/** True when any deploy/release event is stored. */
export const deploymentsHaveData = (client: Client, config: Config): Promise<boolean> =>
  hasDocuments(client, [config.deployments.index]);

/** What the board's `demo` loads on first use (board.ts). */
export const demo: BoardDemo = { hasData: deploymentsHaveData, seed: seedDeployments };
