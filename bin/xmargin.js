#!/usr/bin/env node
// `npx xmargin …`: runs the compiled CLI (dist/cli/main.js, from src/cli), which
// `npm install` and `npm test` build (`npm run build:package`). Nothing here
// compiles TypeScript: only the embedded engine (no --endpoint) is loaded from
// source, by the CLI itself.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const main = new URL('../dist/cli/main.js', import.meta.url)
if (!existsSync(main)) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  console.error(`xmargin: the CLI is not built (${fileURLToPath(main)} is missing). Run \`npm install\` (or \`npm run build:package\`) in ${root}, then try again.`)
  process.exit(1)
}
await import(main.href)
