import type { ReactNode } from 'react';

import { renderRoute, TEST_NOW } from '../../lib/test-render.tsx';

// Test-only: renders a piece of the board at a URL, with the same providers as the app.

export const NOW = TEST_NOW;

export function renderAt(url: string, ui: () => ReactNode) {
  return renderRoute('/deployments', url, ui());
}
