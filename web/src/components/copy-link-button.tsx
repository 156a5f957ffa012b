import { useEffect, useState } from 'react';
import { useHref, useLocation } from 'react-router';
import { useNow } from '../lib/now.ts';
import { freezeTimeRangeUrl } from '../lib/time-range.ts';

const CONFIRMATION_MS = 2_500;

/** Copies the current URL with a relative range frozen to the instants on screen right now. */
export function CopyLinkButton() {
  const now = useNow();
  const href = useHref(useLocation());
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    const link = freezeTimeRangeUrl(new URL(href, window.location.origin).href, now);
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // The clipboard API only exists on https and localhost; a BFF on a plain-http intranet
      // host still needs a way to hand the link over.
      window.prompt('Copy this link:', link);
    }
  };

  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status" className="copy-link-status">
        {copied ? 'Link copied' : ''}
      </span>
    </span>
  );
}
