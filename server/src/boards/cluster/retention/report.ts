import { formatBytes, type PlannedDeletion, type RetentionPlan } from '../retention.ts';
import type { ApplyReport } from './apply.ts';

/** What `lookout retention plan|apply` prints: one line per index, then the totals. */

function line(deletion: PlannedDeletion): string {
  return `  ${deletion.index}  ${deletion.family}  ${deletion.day}  ${formatBytes(deletion.bytes)}  ${deletion.reason}`;
}

export function planText(plan: RetentionPlan): string {
  if (plan.deletions.length === 0) return 'Retention plan: nothing to delete.';
  return [
    `Retention plan: ${plan.deletions.length} indices, ${formatBytes(plan.totalBytes)} would be deleted:`,
    ...plan.deletions.map(line),
  ].join('\n');
}

export function applyText(report: ApplyReport): string {
  const bytes = report.deleted.reduce((sum, deletion) => sum + deletion.bytes, 0);
  return [
    `Retention: deleted ${report.deleted.length} indices (${formatBytes(bytes)}), ` +
      `${report.skipped.length} claimed by another run, ${report.failed.length} failed.`,
    ...report.deleted.map(line),
    ...report.failed.map((failure) => `  FAILED ${failure.index}: ${failure.error}`),
  ].join('\n');
}
