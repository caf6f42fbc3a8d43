import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { HistoricalEpisode } from '../domain/scenario.js'
import { ConfigError } from '../errors/index.js'

const DATA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'historical-scenarios.json')

/** Names in the data file → xmargin risk factors (see data/SOURCES.md: stETH's discount moves wstETH). */
const FACTOR_ALIASES: Readonly<Record<string, string>> = { STETH_ETH: 'WSTETH_ETH' }

const episodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  start: z.string(),
  end: z.string(),
  moves: z.record(z.string(), z.number().gte(-1).finite()),
  notes: z.string(),
  sources: z.array(z.string()),
})

let cached: readonly HistoricalEpisode[] | undefined

/**
 * The sourced historical episodes (March 2020 … October 2025), validated once.
 * @throws ConfigError when the data file is missing or malformed.
 */
export function loadHistoricalEpisodes(file: string = DATA_FILE): readonly HistoricalEpisode[] {
  if (cached && file === DATA_FILE) return cached
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (cause) {
    throw new ConfigError('data/historical-scenarios.json', `unreadable (${cause instanceof Error ? cause.message : String(cause)})`)
  }
  const parsed = z.array(episodeSchema).min(1).safeParse(json)
  if (!parsed.success) throw new ConfigError('data/historical-scenarios.json', parsed.error.issues[0]?.message ?? 'malformed')
  const episodes = parsed.data.map((e) => ({
    ...e,
    moves: Object.fromEntries(Object.entries(e.moves).map(([f, m]) => [FACTOR_ALIASES[f] ?? f, m])),
  }))
  if (file === DATA_FILE) cached = episodes
  return episodes
}
