// First-load budget of the built SPA (docs/serving.md): for the shell and every route the shell
// imports lazily (each board and each board page), the JavaScript and CSS a browser fetches before
// the page can draw, in bytes as sent (Brotli). Reads Vite's build manifest; exits non-zero when a
// route's first-load JavaScript is over the budget. A byte count, never a timing.
//
//   node --import tsx scripts/bundle-budget.ts [web/dist]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

/** The mobile-web first-load budget (DESIGN.md, Budgets): JavaScript as sent, shell included. */
export const FIRST_LOAD_JS_BUDGET = 170_000;

/** One chunk of `.vite/manifest.json`, the fields read here. */
export interface ManifestChunk {
  file: string;
  /** The chunk's name (`cloudtrail-page`): a route's page module, even when the chunk is shared. */
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface Bytes {
  js: number;
  css: number;
}

export interface RouteBudget {
  /** `shell`, or the route's page chunk (`cloudtrail-page`). */
  route: string;
  /** Fetched before the route can draw: the entry's and the route's static imports, Brotli bytes. */
  firstLoad: Bytes;
  /** Fetched later by the route's own dynamic imports (charts, the map outline), Brotli bytes. */
  later: Bytes;
  overBudget: boolean;
}

/** Brotli at a fixed quality, the one the build's precompressed files use: the same input, the same count. */
export function brotliSize(content: Buffer): number {
  return brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  }).length;
}

/** The keys of a chunk and of everything it imports statically, itself included. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`the build manifest has no chunk ${key}`);
  into.add(key);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

/** Every chunk reachable from these through dynamic imports (and their static imports), minus `loaded`. */
function lazyClosure(manifest: Manifest, from: Set<string>, loaded: Set<string>): Set<string> {
  const lazy = new Set<string>();
  const pending = [...from].flatMap((key) => manifest[key]?.dynamicImports ?? []);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (lazy.has(next) || loaded.has(next)) continue;
    for (const key of staticClosure(manifest, next)) {
      if (loaded.has(key) || lazy.has(key)) continue;
      lazy.add(key);
      pending.push(...(manifest[key]?.dynamicImports ?? []));
    }
  }
  return lazy;
}

function filesOf(manifest: Manifest, keys: Iterable<string>): { js: Set<string>; css: Set<string> } {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key]!;
    if (chunk.file.endsWith('.js')) js.add(chunk.file);
    else if (chunk.file.endsWith('.css')) css.add(chunk.file);
    for (const sheet of chunk.css ?? []) css.add(sheet);
  }
  return { js, css };
}

/**
 * The budget of the shell and of each route it loads lazily. `sizeOf` gives a built file's bytes
 * as sent (a path relative to the build directory); a file counted in both phases counts once.
 */
export function measureRoutes(manifest: Manifest, sizeOf: (file: string) => number): RouteBudget[] {
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
  if (entries.length !== 1)
    throw new Error(`expected one entry in the build manifest, found ${entries.length}`);
  const [entryKey, entry] = entries[0]!;
  const shell = staticClosure(manifest, entryKey);
  const sum = (files: Set<string>) => [...files].reduce((total, file) => total + sizeOf(file), 0);

  const measure = (route: string, keys: Set<string>, own: Set<string>): RouteBudget => {
    const first = filesOf(manifest, keys);
    const later = filesOf(manifest, lazyClosure(manifest, own, keys));
    const firstLoad = { js: sum(first.js), css: sum(first.css) };
    return {
      route,
      firstLoad,
      later: {
        js: sum(new Set([...later.js].filter((file) => !first.js.has(file)))),
        css: sum(new Set([...later.css].filter((file) => !first.css.has(file)))),
      },
      overBudget: firstLoad.js > FIRST_LOAD_JS_BUDGET,
    };
  };

  // The shell's own dynamic imports are the routes (web/src/app/boards.ts imports each page lazily);
  // a route's "later" is what its own chunks import dynamically, never the other routes.
  const routes = (entry.dynamicImports ?? []).map((key) => {
    const keys = staticClosure(manifest, key, new Set(shell));
    const own = new Set([...keys].filter((k) => !shell.has(k)));
    return measure(manifest[key]?.name ?? key, keys, own);
  });
  return [measure('shell', shell, new Set()), ...routes];
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

export function formatReport(budgets: RouteBudget[]): string {
  const width = Math.max(...budgets.map((b) => b.route.length), 'route'.length);
  const row = (cells: string[]) =>
    `${cells[0]!.padEnd(width)}  ${cells
      .slice(1)
      .map((cell) => cell.padStart(10))
      .join('  ')}`;
  const lines = [
    `First load, Brotli bytes as sent (budget: JS ≤ ${kb(FIRST_LOAD_JS_BUDGET)} per route, shell included)`,
    row(['route', 'JS', 'CSS', 'later JS', 'later CSS']),
    ...budgets.map(
      (b) =>
        row([b.route, kb(b.firstLoad.js), kb(b.firstLoad.css), kb(b.later.js), kb(b.later.css)]) +
        (b.overBudget ? `  ✘ over by ${kb(b.firstLoad.js - FIRST_LOAD_JS_BUDGET)}` : ''),
    ),
  ];
  return lines.join('\n');
}

/** Measures a build directory; the report and whether every route is within budget. */
export function checkBuild(dist: string): { report: string; ok: boolean } {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const sizes = new Map<string, number>();
  const sizeOf = (file: string) => {
    let size = sizes.get(file);
    if (size === undefined) sizes.set(file, (size = brotliSize(readFileSync(path.join(dist, file)))));
    return size;
  };
  const budgets = measureRoutes(manifest, sizeOf);
  const over = budgets.filter((b) => b.overBudget);
  const lines = [formatReport(budgets)];
  if (over.length > 0) lines.push(`over budget: ${over.map((b) => b.route).join(', ')}`);
  return { report: lines.join('\n'), ok: over.length === 0 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { report, ok } = checkBuild(path.resolve(process.argv[2] ?? path.join(root, 'web', 'dist')));
  process.stdout.write(`${report}\n`);
  process.exit(ok ? 0 : 1);
}
