// Finds, from the code, everything a browser can reach: each page route (app/**/page.tsx) and
// each server action (every export of a 'use server' file), with its id from the build.
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
    .map((file) => {
      const segments = path
        .relative(path.join(ROOT, 'app'), path.dirname(file))
        .split(path.sep)
        .filter((s) => s !== '' && !/^\(.*\)$/.test(s)); // route groups add no segment
      return `/${segments.join('/')}`;
    })
    .sort();
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
