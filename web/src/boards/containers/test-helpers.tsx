import type { ReactNode } from 'react';
import { renderRoute, TEST_NOW } from '../../lib/test-render.tsx';

// Test-only: renders a piece of the board at a URL, with the same providers as the app.

export const NOW = TEST_NOW;

export function renderBoardAt(url: string, ui: () => ReactNode) {
  return renderRoute('/containers', url, ui());
}

export function renderFailureAt(url: string, ui: () => ReactNode) {
  return renderRoute('/containers/failures/:taskId', url, ui());
}
