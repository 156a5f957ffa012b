import { defineConfig } from 'vitest/config';
import { precompress } from './vite-precompress.ts';

const bff = 'http://127.0.0.1:8080';

// JSX is compiled by Vite's own esbuild transform, not @vitejs/plugin-react: its current major
// needs Vite 8, and Vite 7 is what vitest 4 and Node 20 settle on here. What is lost is React
// Fast Refresh in `vite dev` (edits reload the page); builds are the same.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    // .vite/manifest.json: which chunks each route loads, read by scripts/bundle-budget.ts.
    manifest: true,
    rollupOptions: {
      // react-query and react-router mark their modules "use client" for server-component
      // bundlers; in a plain SPA bundle the directive means nothing (plugin-react hides this too).
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use client"')) return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/api': bff } },
  preview: { proxy: { '/api': bff } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    // Room for the 5 s Testing Library waits (see test-setup.ts) on a loaded machine.
    testTimeout: 15_000,
    // A fixed zone with summer time, so "local" output is the same on every machine.
    env: { TZ: 'Europe/Berlin' },
  },
});
