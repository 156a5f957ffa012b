import type { Failure } from '../schema.ts';
import { escapeSlack, truncate, type AlertFormat } from '../../../core/webhook.ts';

/**
 * What an alert says about one startup failure, in the receiver's format: Slack-compatible
 * (`text` for notifications and clients without blocks, plus Block Kit blocks) or generic JSON.
 */

function failedContainer(failure: Failure) {
  return failure.containers.find((container) => (container.exitCode ?? 0) !== 0) ?? failure.containers[0];
}

function exitText(failure: Failure): string {
  const container = failedContainer(failure);
  if (container?.exitCode === null || container?.exitCode === undefined) return 'no exit code (never ran)';
  return `exit ${container.exitCode} — ${container.exitMeaning ?? ''}`.trim();
}

function reasonText(failure: Failure): string {
  return failure.stoppedReason ?? failedContainer(failure)?.reason ?? failure.reasonClass;
}

export function alertMessage(
  failure: Failure,
  absoluteLink: string,
  format: AlertFormat,
): Record<string, unknown> {
  if (format === 'generic') {
    const container = failedContainer(failure);
    return {
      kind: 'container-startup-failure',
      service: failure.service,
      cluster: failure.cluster,
      taskArn: failure.taskArn,
      reasonClass: failure.reasonClass,
      stopCode: failure.stopCode,
      stoppedReason: failure.stoppedReason,
      exitCode: container?.exitCode ?? null,
      exitMeaning: container?.exitMeaning ?? null,
      firstErrorLine: failure.firstErrorLine,
      crashLoop: failure.crashLoop,
      stoppedAt: failure.stoppedAt,
      link: absoluteLink,
    };
  }
  const title = `${failure.crashLoop ? 'Crash loop' : 'Startup failure'}: ${failure.service} on ${failure.cluster}`;
  const summary = `${title} — ${reasonText(failure)} (${exitText(failure)})`;
  const errorLine = failure.firstErrorLine
    ? `\`\`\`${escapeSlack(truncate(failure.firstErrorLine, 2_800))}\`\`\``
    : failure.logsAvailable
      ? '_no error line found in the logs_'
      : '_logs not available_';
  return {
    text: `${summary} ${absoluteLink}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(title, 150) } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Service*\n${escapeSlack(failure.service)}` },
          { type: 'mrkdwn', text: `*Cluster*\n${escapeSlack(failure.cluster)}` },
          { type: 'mrkdwn', text: `*Reason*\n${escapeSlack(truncate(reasonText(failure), 500))}` },
          { type: 'mrkdwn', text: `*Exit*\n${escapeSlack(exitText(failure))}` },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: `*First error line*\n${errorLine}` } },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Open in Lookout' }, url: absoluteLink },
        ],
      },
    ],
  };
}
