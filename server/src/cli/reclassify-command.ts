import { loadConfig } from '../app/config.ts';
import { createEsWriter } from '../es/client.ts';
import { loadRules } from '../boards/deployments/rules.ts';
import { reclassify } from '../boards/deployments/ingest/reclassify.ts';

/**
 * `lookout reclassify`: re-applies the deployment failure rules (DEPLOY_RULES_FILE, else the
 * defaults) to every stored failure, after a rule was added or changed.
 */
export async function reclassifyCommand(): Promise<number> {
  const config = loadConfig();
  const rules = loadRules(config.deployments.rulesFile);
  const client = createEsWriter(config.es);
  try {
    const { examined, changed, result } = await reclassify(client, config, rules, { refresh: true });
    console.log(
      `Re-applied ${rules.length} rules to ${examined.toLocaleString('en-US')} failures: ${changed.toLocaleString('en-US')} changed cause or rule.`,
    );
    for (const rejected of result.rejected) console.error(`  ${rejected.id}: ${rejected.reason}`);
    return result.rejected.length > 0 ? 1 : 0;
  } finally {
    await client.close();
  }
}
