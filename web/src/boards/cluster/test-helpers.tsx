import type { ReactNode } from 'react';
import { renderRoute } from '../../lib/test-render.tsx';

// Test-only: renders a piece of the board at a URL, with the same providers as the app.

export function renderAt(url: string, ui: () => ReactNode) {
  return renderRoute('/cluster', url, ui());
}
