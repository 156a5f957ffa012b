import { escapeSlack, truncate, type AlertFormat } from '../../../core/webhook.ts';
import type { ActiveCondition } from './conditions.ts';

/** A cluster alert (or its resolution) in the receiver's format, the same formats as the containers alerts. */
export function conditionMessage(
  condition: Pick<ActiveCondition, 'key' | 'title' | 'detail'>,
  state: 'firing' | 'resolved',
  absoluteLink: string,
  format: AlertFormat,
): Record<string, unknown> {
  const title = state === 'resolved' ? `Resolved: ${condition.title}` : condition.title;
  if (format === 'generic') {
    return {
      kind: 'cluster-condition',
      condition: condition.key,
      state,
      title: condition.title,
      detail: condition.detail,
      link: absoluteLink,
    };
  }
  return {
    text: `${title} — ${condition.detail} ${absoluteLink}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(title, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: escapeSlack(truncate(condition.detail, 2_800)) } },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Open in Lookout' }, url: absoluteLink },
        ],
      },
    ],
  };
}
