import type { ReactNode } from 'react';
import { useCloudtrailFilters, type CloudtrailFiltersState } from './use-cloudtrail-filters.ts';
import { renderRoute, TEST_NOW } from '../../lib/test-render.tsx';

// Test-only: renders a piece of the board at a URL, with the same providers as the app.

export const NOW = TEST_NOW;

export function renderAt(url: string, ui: (state: CloudtrailFiltersState) => ReactNode) {
  function Harness() {
    return <>{ui(useCloudtrailFilters())}</>;
  }
  return renderRoute('/cloudtrail', url, <Harness />);
}
