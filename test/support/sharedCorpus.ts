import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** `../shared` beside the repo: the recorded corpus CI always provides. */
export const SHARED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared')

/**
 * Whether the recorded corpus is here. Tests that need it are skipped where
 * it is absent, except under CI=true, where its absence is a failure.
 */
export function sharedCorpus(sub: string): { present: boolean; dir: string; mustExist: boolean } {
  const dir = path.join(SHARED_DIR, sub)
  return { present: existsSync(dir), dir, mustExist: process.env.CI === 'true' }
}
