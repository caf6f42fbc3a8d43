import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

const webRoot = fileURLToPath(new URL('./web/', import.meta.url))

/**
 * Where `npx vite` (the dev server, with hot reload) and `npx vite preview`
 * send GraphQL: a running xmargin server (`npm start`), port 4000 unless
 * XMARGIN_DEV_API says otherwise. Build tooling only: the built pages call
 * their own origin.
 */
const devApi = process.env['XMARGIN_DEV_API'] ?? 'http://127.0.0.1:4000'
const proxy = { '/graphql': { target: devApi, ws: true, changeOrigin: true } }

/**
 * The dashboard (`/`) and the GraphQL explorer (`/explorer`), built by
 * `npm run build:web` into `dist/web/`, which the GraphQL server serves
 * (src/graphql/createServer.ts `WEB_ROOT`). Everything is bundled: the pages
 * make no request to any other host, so they work offline.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: false,
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  // the explorer's Monaco workers are ES modules (they import chunks)
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist/web/', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    // Monaco (the explorer's editor) is one large module of its own; the dashboard stays small
    chunkSizeWarningLimit: 4_096,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // GraphiQL's React Compiler output marks modules "use no memo"; bundling drops the directive, harmlessly
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return
        warn(warning)
      },
      input: {
        index: fileURLToPath(new URL('./web/index.html', import.meta.url)),
        explorer: fileURLToPath(new URL('./web/explorer.html', import.meta.url)),
      },
    },
  },
})
