import { hostname, userInfo } from 'node:os';
import { loadConfig } from '../app/config.ts';
import { createEsWriter } from '../es/client.ts';
import { applyRetention, freshPlan } from '../boards/cluster/retention/apply.ts';
import { applyText, planText } from '../boards/cluster/retention/report.ts';
import { clusterConfigOf } from '../boards/cluster/config.ts';
import { UsageError } from './usage-error.ts';

export const RETENTION_USAGE = `  retention plan|apply  what retention deletes now and why (plan), or delete it (apply)`;

/**
 * `lookout retention plan` prints exactly what `retention apply` deletes; apply records each
 * deletion in the audit index (who: cli:<user>@<host>).
 */
export async function retentionCommand(rest: string[]): Promise<number> {
  const [action] = rest;
  if (action !== 'plan' && action !== 'apply') throw new UsageError('retention needs "plan" or "apply"');
  const config = loadConfig();
  const client = createEsWriter(config.es);
  try {
    if (action === 'plan') {
      console.log(planText(await freshPlan(client, clusterConfigOf(config), Date.now())));
      return 0;
    }
    const report = await applyRetention(client, clusterConfigOf(config), {
      by: `cli:${userInfo().username}@${hostname()}`,
    });
    console.log(applyText(report));
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    await client.close();
  }
}
