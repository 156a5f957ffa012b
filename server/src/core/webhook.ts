/**
 * Delivery of alerts to ALERT_WEBHOOK_URL, shared by every board that alerts: the formats
 * (Slack-compatible `text` + Block Kit blocks, or generic JSON) and one POST.
 */

export type AlertFormat = 'slack' | 'generic';

/** Slack's mrkdwn treats &, < and > specially. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Posts one alert; any answer other than 2xx (or no answer in time) is a failed attempt. */
export async function postWebhook(
  url: string,
  payload: Record<string, unknown>,
  timeoutMs = 10_000,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new Error(`webhook unreachable: ${cause ?? (error as Error).message}`);
  }
  // Drain the body so the connection is reused.
  const body = await response.text().catch(() => '');
  if (!response.ok)
    throw new Error(`webhook answered ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}`);
}
