// @ts-check
import node from '@astrojs/node';

/**
 * @astrojs/node in middleware mode (so the ingest server can mount Astro in its own process),
 * with one addition: the server entry also exports `render(url, locals)`, which the static site
 * builder uses to render a page in-process into a file.
 * @returns {import('astro').AstroIntegration}
 */
export default function cunwuAdapter() {
  const inner = node({ mode: 'middleware' });
  const serverEntrypoint = new URL('./server-entry.mjs', import.meta.url).pathname;
  return {
    name: 'cunwu-adapter',
    hooks: {
      ...inner.hooks,
      'astro:config:done': (params) => {
        const hook = inner.hooks['astro:config:done'];
        if (!hook) throw new Error('@astrojs/node has no astro:config:done hook: the adapter wrapper needs updating');
        return hook({
          ...params,
          setAdapter: (adapter) =>
            params.setAdapter({
              ...adapter,
              name: 'cunwu-adapter',
              serverEntrypoint,
              exports: [...(adapter.exports ?? []), 'render'],
            }),
        });
      },
    },
  };
}
