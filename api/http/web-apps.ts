/**
 * Serves the built PWAs (merchant-pwa/dist, resident-pwa/dist) under /merchant/ and /resident/.
 * Paths without a file extension fall back to index.html so client-side routes survive reload.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

export interface WebApp {
  /** URL prefix without slashes, e.g. "merchant". */
  prefix: string;
  /** Folder holding the Vite build. */
  dist: string;
}

export function webAppRoutes(apps: WebApp[]) {
  const app = new Hono();
  for (const { prefix, dist } of apps) {
    // serveStatic resolves `root` against the working directory.
    const root = relative(process.cwd(), dist) || '.';
    app.get(`/${prefix}`, (c) => c.redirect(`/${prefix}/`, 301));
    app.use(`/${prefix}/*`, async (c, next) => {
      if (!existsSync(`${dist}/index.html`)) {
        return c.text(
          `The ${prefix} app is not built yet. Run \`npm run build\` (npm start does it for you).`,
          503,
        );
      }
      // The service worker must be re-checked on every visit, or an update never reaches phones.
      if (c.req.path.endsWith('/sw.js')) c.header('Cache-Control', 'no-cache');
      else if (c.req.path.includes('/assets/'))
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      await next();
    });
    const strip = (path: string) => path.slice(prefix.length + 1) || '/';
    app.use(`/${prefix}/*`, serveStatic({ root, rewriteRequestPath: strip }));
    app.get(`/${prefix}/*`, async (c, next) => {
      if (/\.[a-z0-9]+$/i.test(c.req.path)) return next();
      return serveStatic({ root, path: 'index.html' })(c, next);
    });
  }
  return app;
}
