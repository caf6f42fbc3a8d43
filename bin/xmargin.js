#!/usr/bin/env node
// `npx xmargin …`: runs the TypeScript CLI (src/cli/main.ts) through tsx's loader.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
