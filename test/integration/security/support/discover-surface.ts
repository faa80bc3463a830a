// Finds, from the code, everything a browser can reach: each page route (app/**/page.tsx), each
// route handler (app/**/route.ts) with the HTTP methods it exports, and each server action (every
// export of a 'use server' file), with its id from the build.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const SOURCE_DIRS = ['app', 'components'];

export interface DiscoveredAction {
  /** `<file>#<export>`, the key of its expectation. */
  key: string;
  /** The id Next gave it in this build (the `Next-Action` header); undefined when no page
   *  imports it yet, so it is in no build entry (the coverage test then fails). */
  id: string | undefined;
}

/** Route patterns such as `/orgs/[slug]/sign-in-settings`, from app/**\/page.tsx. */
export function discoverPageRoutes(): string[] {
  return walk(path.join(ROOT, 'app'))
    .filter((file) => path.basename(file) === 'page.tsx')
    .map(routeOfFile)
    .sort();
}

export interface DiscoveredHandler {
  /** Route pattern such as `/api/orgs/[slug]/status`, the key of its expectation. */
  route: string;
  /** The HTTP methods the file exports, sorted: each is a way in that needs its expectation. */
  methods: string[];
}

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Every route handler (app/**\/route.ts or .js), which Next serves without any page. */
export function discoverRouteHandlers(): DiscoveredHandler[] {
  return walk(path.join(ROOT, 'app'))
    .filter((file) => /^route\.(ts|js)$/.test(path.basename(file)))
    .map((file) => ({ route: routeOfFile(file), methods: exportedMethods(file) }))
    .sort((a, b) => a.route.localeCompare(b.route));
}

/** The page and handler routes the build serves (from Next's own manifest), to compare with the
 *  source: a difference means a stale build or a kind of file this discovery does not know. */
export function builtRoutes(distDir: string): { pages: string[]; handlers: string[] } {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(ROOT, distDir, 'app-path-routes-manifest.json'), 'utf8'),
  ) as Record<string, string>;
  const entries = Object.entries(manifest).filter(([, route]) => !route.startsWith('/_'));
  const of = (kind: string) =>
    entries
      .filter(([entry]) => entry.endsWith(`/${kind}`))
      .map(([, route]) => route)
      .sort();
  return { pages: of('page'), handlers: of('route') };
}

/** Fills a route pattern's dynamic segments; a catch-all (`[...x]`) has no single value. */
export function fillRoute(route: string, params: Record<string, string>): string {
  const filled = route.replace(/\[(\w+)\]/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route}: no value for [${name}]`);
    return value;
  });
  if (filled.includes('[')) throw new Error(`${route}: give its expectation a concrete path`);
  return filled;
}

function routeOfFile(file: string): string {
  const segments = path
    .relative(path.join(ROOT, 'app'), path.dirname(file))
    .split(path.sep)
    .filter((s) => s !== '' && !/^\(.*\)$/.test(s)); // route groups add no segment
  return `/${segments.join('/')}`;
}

// Next takes the methods from the module's exports; reading them from the source (functions,
// consts and `export const { GET, POST } = handlers`) keeps this free of importing the app.
function exportedMethods(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  const relative = path.relative(ROOT, file).split(path.sep).join('/');
  if (/^export\s*(\{|\*)/m.test(source)) {
    throw new Error(
      `${relative}: export methods as "export async function GET", "export const GET" or "export const { GET } = ..." so the isolation test can find them`,
    );
  }
  const names = [
    ...[...source.matchAll(/^export\s+(?:async\s+function|function|const|let)\s+(\w+)/gm)].map(
      (m) => m[1]!,
    ),
    ...[...source.matchAll(/^export\s+const\s*\{([^}]*)\}/gm)].flatMap((m) =>
      m[1]!.split(',').map((part) => part.split(':').pop()!.trim()),
    ),
  ];
  return names.filter((n) => HTTP_METHODS.has(n)).sort();
}

export function discoverActions(distDir: string): DiscoveredAction[] {
  const exportsInSource = discoverUseServerExports();
  const manifest = JSON.parse(
    fs.readFileSync(path.join(ROOT, distDir, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const idByKey = new Map(
    Object.entries(manifest.node).map(([id, entry]) => [
      `${entry.filename}#${entry.exportedName}`,
      id,
    ]),
  );
  return exportsInSource.map((key) => ({ key, id: idByKey.get(key) }));
}

function discoverUseServerExports(): string[] {
  const keys: string[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const file of walk(path.join(ROOT, dir))) {
      if (!/\.(ts|tsx)$/.test(file)) continue;
      const source = fs.readFileSync(file, 'utf8');
      if (!/^\s*(['"])use server\1/.test(source)) continue;
      const relative = path.relative(ROOT, file).split(path.sep).join('/');
      const names = [
        ...source.matchAll(/^export\s+(?:async\s+function|const|let|function)\s+(\w+)/gm),
      ].map((m) => m[1]!);
      if (/^export\s*(\{|default\b|\*)/m.test(source)) {
        throw new Error(
          `${relative}: export actions as "export async function name" or "export const name" so the isolation test can find them`,
        );
      }
      keys.push(...names.map((name) => `${relative}#${name}`));
    }
  }
  return keys.sort();
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}
