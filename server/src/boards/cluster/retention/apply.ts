import type { Client } from '@elastic/elasticsearch';
import { catIndices } from '../../../es/cluster-stats.ts';
import { claimOnce, ensureIndex, readStored, replaceIfUnchanged, type Stored } from '../../../es/claims.ts';
import type { ClusterConfig } from '../config.ts';
import { indexFacts } from '../families.ts';
import { auditIndexTemplate } from '../mapping.ts';
import { planRetention, type PlannedDeletion, type RetentionPlan } from '../retention.ts';
import type { AuditRecord } from '../schema.ts';

/**
 * Applies the retention plan. Each deletion is claimed first by creating its audit record (id =
 * index name + uuid): of any number of concurrent appliers (CLI runs, scheduled runs on several
 * instances) exactly one deletes a given index and records it once. A claimer that died before
 * finishing leaves a `deleting` record; after `DELETE_LEASE_MS` another applier takes it over.
 */

export const DELETE_LEASE_MS = 10 * 60_000;

export interface ApplyReport {
  plan: RetentionPlan;
  deleted: PlannedDeletion[];
  /** Claimed by another applier (or done before): not touched here. */
  skipped: PlannedDeletion[];
  failed: Array<PlannedDeletion & { error: string }>;
}

export function auditId(deletion: Pick<PlannedDeletion, 'index' | 'uuid'>): string {
  return `${deletion.index}:${deletion.uuid}`;
}

/** A fresh plan (no memo: what is deleted must be what the engine holds right now). */
export async function freshPlan(
  client: Client,
  config: ClusterConfig,
  nowMs: number,
): Promise<RetentionPlan> {
  const indices = (await catIndices(client, '*')).map(indexFacts);
  return planRetention(config.families, indices, nowMs);
}

async function claimDeletion(
  client: Client,
  auditIndex: string,
  record: AuditRecord & { uuid: string },
  nowMs: number,
): Promise<Stored<AuditRecord & { uuid: string }> | null> {
  const id = auditId(record);
  const claimed = await claimOnce(client, auditIndex, id, record);
  if (claimed) return claimed;
  const existing = await readStored<AuditRecord & { uuid: string }>(client, auditIndex, id);
  const abandoned =
    existing?.document.status === 'deleting' && Date.parse(existing.document.at) < nowMs - DELETE_LEASE_MS;
  return abandoned ? replaceIfUnchanged(client, auditIndex, existing, record) : null;
}

export async function applyRetention(
  client: Client,
  config: ClusterConfig,
  options: { by: string; now?: () => number },
): Promise<ApplyReport> {
  const now = options.now ?? Date.now;
  const plan = await freshPlan(client, config, now());
  const report: ApplyReport = { plan, deleted: [], skipped: [], failed: [] };
  if (plan.deletions.length === 0) return report;
  await ensureIndex(client, config.auditIndex, auditIndexTemplate(config.auditIndex));
  for (const deletion of plan.deletions) {
    const claim = await claimDeletion(
      client,
      config.auditIndex,
      {
        index: deletion.index,
        uuid: deletion.uuid,
        family: deletion.family,
        day: deletion.day,
        bytes: deletion.bytes,
        docs: deletion.docs,
        rule: deletion.rule,
        reason: deletion.reason,
        by: options.by,
        at: new Date(now()).toISOString(),
        status: 'deleting',
        error: null,
      },
      now(),
    );
    if (!claim) {
      report.skipped.push(deletion);
      continue;
    }
    try {
      await client.indices.delete({ index: deletion.index });
      await replaceIfUnchanged(client, config.auditIndex, claim, { ...claim.document, status: 'deleted' });
      report.deleted.push(deletion);
    } catch (error) {
      const message = (error as Error).message;
      await replaceIfUnchanged(client, config.auditIndex, claim, {
        ...claim.document,
        status: 'failed',
        error: message,
      });
      report.failed.push({ ...deletion, error: message });
    }
  }
  return report;
}

/** The board's audit list, newest first. */
export async function listAudit(client: Client, auditIndex: string, size: number): Promise<AuditRecord[]> {
  const response = await client.search<AuditRecord & { uuid?: string }>({
    index: auditIndex,
    ignore_unavailable: true,
    allow_no_indices: true,
    size,
    sort: [
      { at: { order: 'desc', unmapped_type: 'date' } },
      { index: { order: 'asc', unmapped_type: 'keyword' } },
    ],
  });
  return response.hits.hits.flatMap((hit) => {
    if (!hit._source) return [];
    const { uuid: _, ...record } = hit._source;
    return [record];
  });
}
