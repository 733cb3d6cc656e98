import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../data/config.ts';
import { openSqliteStore } from '../../data/store/sqlite-store.ts';
import { createSiteBuilder } from '../../site/build/site-builder.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The baseline for the build-speed goal: a plain `astro build` (static output) of the same pages,
 * with the same page components and the same view models. Our builder is run once with a
 * recording renderer to collect every page's model; a throwaway Astro project then prerenders
 * each route through getStaticPaths, its middleware handing each page its model as `locals`.
 */
export async function plainAstroBuild(storeFile: string, dir: string): Promise<{ pages: number; ms: number }> {
  const models = join(dir, 'models');
  mkdirSync(models, { recursive: true });
  const routes = new Map<string, Array<Record<string, string>>>();
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_BASE_URL: 'http://bench.test', PORTAL_REGION: '9901' }, repo);
  if (!parsed.ok) throw new Error(parsed.message);
  const store = await openSqliteStore(storeFile);
  const recorder = await createSiteBuilder({
    store,
    config: parsed.config,
    outDir: join(dir, 'recorded'),
    renderer: async (url, locals) => {
      const path = new URL(url).pathname;
      writeFileSync(join(models, `${key(path)}.json`), JSON.stringify(locals.page));
      const route = routeOf(path);
      if (!routes.has(route.file)) routes.set(route.file, []);
      routes.get(route.file)!.push(route.params);
      return new Response('', { status: path === '/404/' ? 404 : 200 });
    },
  });
  await recorder.buildAll();
  await store.close();

  const src = join(dir, 'src');
  for (const [file, params] of routes) {
    const target = join(src, 'pages', file);
    mkdirSync(join(target, '..'), { recursive: true });
    const original = join(repo, 'site/pages', file);
    const dynamic = file.includes('[');
    writeFileSync(join(dir, `${key(file)}.paths.json`), JSON.stringify(params.map((p) => ({ params: p }))));
    writeFileSync(
      target,
      `---\nimport Page from ${JSON.stringify(original)};\n${
        dynamic ? `import { readFileSync } from 'node:fs';\nexport function getStaticPaths() { return JSON.parse(readFileSync(${JSON.stringify(join(dir, `${key(file)}.paths.json`))}, 'utf8')); }\n` : ''
      }---\n<Page />\n`,
    );
  }
  writeFileSync(
    join(src, 'middleware.ts'),
    `import { readFileSync } from 'node:fs';\nimport { createHash } from 'node:crypto';\n` +
      `export const onRequest = (ctx: any, next: any) => {\n  const key = createHash('sha1').update(ctx.url.pathname).digest('hex');\n` +
      `  ctx.locals.page = JSON.parse(readFileSync(${JSON.stringify(models)} + '/' + key + '.json', 'utf8'));\n  return next();\n};\n`,
  );
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `export default { output: 'static', trailingSlash: 'always', build: { inlineStylesheets: 'always', format: 'directory' }, devToolbar: { enabled: false }, prefetch: false, scopedStyleStrategy: 'class' };\n`,
  );
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(repo, 'node_modules/astro/astro.js'), 'build', '--root', dir, '--silent'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`plain astro build failed:\n${run.stdout}\n${run.stderr}`);
  return { pages: countHtml(join(dir, 'dist')), ms };
}

function key(path: string): string {
  return createHash('sha1').update(path).digest('hex');
}

/** `/v/430802108214/p/abc/` → the page file `v/[code]/p/[id]/index.astro` and its params. */
/**
 * The page file that renders a path, and its parameters, as Astro's file routes match it: every
 * file under site/pages (so a page added there needs nothing here), a static file before one with
 * parameters, fewer parameters first.
 */
export function routeOf(path: string): { file: string; params: Record<string, string> } {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (m) return { file: route.file, params: Object.fromEntries(route.names.map((n, i) => [n, m[i + 1]!])) };
  }
  throw new Error(`no page file under site/pages renders ${path}`);
}

const ROUTES = pageFiles(join(repo, 'site/pages'), '')
  .map((file) => {
    const names = [...file.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
    const route = `/${file.replace(/(^|\/)index\.astro$/, '$1').replace(/\.astro$/, '/')}`;
    const escaped = route.replace(/[.*+?^${}()|\\]/g, '\\$&').replace(/\[\w+\]/g, '([^/]+)');
    return { file, names, pattern: new RegExp(`^${escaped}$`) };
  })
  .sort((a, b) => a.names.length - b.names.length);

function pageFiles(dir: string, prefix: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return pageFiles(path, `${prefix}${entry}/`);
    return entry.endsWith('.astro') ? [`${prefix}${entry}`] : [];
  });
}

function countHtml(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) n += countHtml(path);
    else if (entry.endsWith('.html')) n += 1;
  }
  return n;
}
