import type { RiskFactorId, RiskFactorKind } from '../../domain/riskFactor.js'
import type { HistoricalEpisode } from '../../domain/scenario.js'
import type { LibraryScenario } from '../../domain/stress.js'
import { scenarioId } from './scenarioId.js'

export type { LibraryScenario, LibraryScenarioKind } from '../../domain/stress.js'

/** The most negative and most positive sourced move of a factor across the episodes, with the episode of each. */
function extremes(factor: RiskFactorId, episodes: readonly HistoricalEpisode[]) {
  let down: { move: number; episode: string } | null = null
  let up: { move: number; episode: string } | null = null
  for (const e of episodes) {
    const m = e.moves[factor]
    if (m === undefined) continue
    if (m < 0 && (down === null || m < down.move)) down = { move: m, episode: e.id }
    if (m > 0 && (up === null || m > up.move)) up = { move: m, episode: e.id }
  }
  return { down, up }
}

const pct = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`

/**
 * The built-in scenario library over the factors a wallet holds, every move
 * taken from the sourced historical episodes (data/historical-scenarios.json):
 * - MARKET_CRASH: every held volatile factor at its worst sourced fall, all at
 *   once (a joint worst case: the episodes did not all happen together);
 *   stablecoins and LST ratios unchanged.
 * - LST_DEPEG ("broken correlation"): every held LST ratio factor at its worst
 *   sourced discount while ETH and the rest hold.
 * - STABLECOIN_DEPEG: per held stablecoin, its worst sourced fall and, where
 *   sourced, its largest rise (a rise hurts whoever borrows it), the rest
 *   unchanged.
 * The joint scenarios' ids carry a hash of their moves (scenarioId): they
 * depend on what the wallet holds.
 * Held factors of a scenario's kind without a sourced figure are named in
 * `unknownFactors`, never assumed unmoved; a kind with no figure at all still
 * appears, with no moves, so the gap is visible.
 */
export function libraryScenarios(
  held: readonly { readonly riskFactor: RiskFactorId; readonly kind: RiskFactorKind }[],
  episodes: readonly HistoricalEpisode[],
): LibraryScenario[] {
  const of = (kind: RiskFactorKind) => held.filter((h) => h.kind === kind).map((h) => h.riskFactor)
  const out: LibraryScenario[] = []
  const joint = (kind: 'MARKET_CRASH' | 'LST_DEPEG', factors: RiskFactorId[], label: string, basis: string) => {
    if (factors.length === 0) return
    const moves: Record<RiskFactorId, number> = {}
    const sources = new Set<string>()
    for (const f of factors) {
      const d = extremes(f, episodes).down
      if (!d) continue
      moves[f] = d.move
      sources.add(d.episode)
    }
    const known = Object.entries(moves).map(([f, m]) => `${f} ${pct(m)}`).join(', ')
    out.push({
      kind,
      scenario: { id: scenarioId(`library:${kind.toLowerCase()}`, moves, 1), label: known ? `${label}: ${known}` : label, moves, weight: 1 },
      basis,
      sourceEpisodes: [...sources].sort(),
      unknownFactors: factors.filter((f) => !(f in moves)),
    })
  }
  joint('MARKET_CRASH', of('volatile'), 'Market crash', 'each held volatile factor at its worst sourced historical fall, all at once; stablecoins and LST ratios unchanged')
  joint('LST_DEPEG', of('ratio'), 'LST depeg while ETH holds', 'each held LST ratio factor at its worst sourced discount to its base asset; base assets unchanged')
  for (const f of of('stable')) {
    const { down, up } = extremes(f, episodes)
    for (const x of [down, up]) {
      if (!x) continue
      out.push({
        kind: 'STABLECOIN_DEPEG',
        scenario: { id: `library:stablecoin_depeg:${f}:${x.move < 0 ? 'down' : 'up'}`, label: `${f} ${pct(x.move)} depeg, everything else unchanged`, moves: { [f]: x.move }, weight: 1 },
        basis: `${f} at its ${x.move < 0 ? 'worst sourced fall' : 'largest sourced rise'} (episode ${x.episode})`,
        sourceEpisodes: [x.episode],
        unknownFactors: [],
      })
    }
    if (!down && !up) {
      out.push({
        kind: 'STABLECOIN_DEPEG',
        scenario: { id: `library:stablecoin_depeg:${f}`, label: `${f} depeg`, moves: {}, weight: 1 },
        basis: `no sourced depeg of ${f}: pass your own scenario`,
        sourceEpisodes: [],
        unknownFactors: [f],
      })
    }
  }
  return out
}
