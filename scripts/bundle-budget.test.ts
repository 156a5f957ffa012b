import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBuild, FIRST_LOAD_JS_BUDGET, measureRoutes, type Manifest } from './bundle-budget.ts';

/** A shell, two boards, a chart loaded by one board when it first draws, and a chunk both boards share. */
const manifest = (): Manifest => ({
  'index.html': {
    file: 'assets/index-a1.js',
    name: 'index',
    src: 'index.html',
    isEntry: true,
    imports: ['_vendor-b2.js'],
    dynamicImports: ['src/boards/one/one-page.tsx', 'src/boards/two/two-page.tsx'],
    css: ['assets/index-c3.css'],
  },
  '_vendor-b2.js': { file: 'assets/vendor-b2.js', name: 'vendor' },
  '_shared-d4.js': { file: 'assets/shared-d4.js', name: 'shared', imports: ['index.html'] },
  'src/boards/one/one-page.tsx': {
    file: 'assets/one-page-e5.js',
    name: 'one-page',
    src: 'src/boards/one/one-page.tsx',
    isDynamicEntry: true,
    imports: ['index.html', '_shared-d4.js'],
    dynamicImports: ['src/boards/one/chart.tsx'],
    css: ['assets/one-page-f6.css'],
  },
  'src/boards/one/chart.tsx': {
    file: 'assets/chart-g7.js',
    name: 'chart',
    src: 'src/boards/one/chart.tsx',
    isDynamicEntry: true,
    imports: ['index.html', '_shared-d4.js'],
  },
  'src/boards/two/two-page.tsx': {
    file: 'assets/two-page-h8.js',
    name: 'two-page',
    src: 'src/boards/two/two-page.tsx',
    isDynamicEntry: true,
    imports: ['index.html', '_shared-d4.js'],
  },
});

const SIZES: Record<string, number> = {
  'assets/index-a1.js': 30_000,
  'assets/vendor-b2.js': 60_000,
  'assets/index-c3.css': 3_000,
  'assets/shared-d4.js': 5_000,
  'assets/one-page-e5.js': 8_000,
  'assets/one-page-f6.css': 1_000,
  'assets/chart-g7.js': 90_000,
  'assets/two-page-h8.js': 4_000,
};

describe('first-load budget per route', () => {
  it('counts the shell and the route’s own static imports once each, and what the route loads later apart', () => {
    const budgets = measureRoutes(manifest(), (file) => SIZES[file]!);
    expect(budgets).toEqual([
      { route: 'shell', firstLoad: { js: 90_000, css: 3_000 }, later: { js: 0, css: 0 }, overBudget: false },
      {
        route: 'one-page',
        // shell 90 000 + shared 5 000 + page 8 000; the chart (90 000) only when it draws.
        firstLoad: { js: 103_000, css: 4_000 },
        later: { js: 90_000, css: 0 },
        overBudget: false,
      },
      {
        route: 'two-page',
        firstLoad: { js: 99_000, css: 3_000 },
        later: { js: 0, css: 0 },
        overBudget: false,
      },
    ]);
  });

  it('puts a route over budget when its chart is imported statically instead of lazily', () => {
    const eager = manifest();
    const page = eager['src/boards/one/one-page.tsx']!;
    page.imports = [...page.imports!, 'src/boards/one/chart.tsx'];
    page.dynamicImports = [];
    const one = measureRoutes(eager, (file) => SIZES[file]!).find((b) => b.route === 'one-page')!;
    expect(one.firstLoad.js).toBe(193_000);
    expect(one.overBudget).toBe(true);
  });
});

describe('checking a build directory (Brotli bytes of the real files)', () => {
  let dist: string | undefined;
  afterEach(async () => {
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  /** Bytes Brotli cannot shrink, the same on every run: a hash chain. */
  function incompressible(bytes: number): Buffer {
    const blocks: Buffer[] = [];
    let block = Buffer.from('lookout');
    for (let total = 0; total < bytes; total += block.length) {
      block = createHash('sha256').update(block).digest();
      blocks.push(block);
    }
    return Buffer.concat(blocks).subarray(0, bytes);
  }

  async function writeBuild(build: Manifest, files: Record<string, Buffer | string>): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'lookout-budget-'));
    await mkdir(path.join(dir, '.vite'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, '.vite', 'manifest.json'), JSON.stringify(build));
    for (const [file, content] of Object.entries(files)) await writeFile(path.join(dir, file), content);
    return dir;
  }

  const FILES = {
    'assets/index-a1.js': incompressible(20_000),
    'assets/vendor-b2.js': incompressible(60_000),
    'assets/index-c3.css': 'body { margin: 0 }\n'.repeat(100),
    'assets/shared-d4.js': 'export const shared = 1;\n'.repeat(200),
    'assets/one-page-e5.js': 'export const one = 1;\n'.repeat(200),
    'assets/one-page-f6.css': '.one { color: red }\n'.repeat(50),
    'assets/chart-g7.js': incompressible(100_000),
    'assets/two-page-h8.js': 'export const two = 2;\n'.repeat(200),
  };

  it('passes a build whose routes are within budget, and prints each route', async () => {
    dist = await writeBuild(manifest(), FILES);
    const { ok, report } = checkBuild(dist);
    expect(ok).toBe(true);
    expect(report).toMatch(/^shell\s+80\.\d KB/m);
    expect(report).toMatch(/^one-page\s+\d+\.\d KB\s+[\d.]+ KB\s+100\.\d KB/m);
  });

  it('fails the build when a heavy import is added to the shell, naming every route it pushes over', async () => {
    const heavy = manifest();
    heavy['index.html']!.imports = ['_vendor-b2.js', '_heavy-z9.js'];
    heavy['_heavy-z9.js'] = { file: 'assets/heavy-z9.js', name: 'heavy' };
    dist = await writeBuild(heavy, { ...FILES, 'assets/heavy-z9.js': incompressible(FIRST_LOAD_JS_BUDGET) });
    const { ok, report } = checkBuild(dist);
    expect(ok).toBe(false);
    expect(report).toContain('over budget: shell, one-page, two-page');
  });
});
