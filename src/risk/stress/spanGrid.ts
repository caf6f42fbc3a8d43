import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { ScanRange, StressScenario } from '../../domain/stress.js'
import { scenarioId } from './scenarioId.js'

export type { StressScenario } from '../../domain/stress.js'

/** SPAN's price steps as fractions of the scan range, and its extreme step with the 35% weight (CME SPAN, scenarios 1–16). */
const SPAN_STEPS = [1 / 3, -1 / 3, 2 / 3, -2 / 3, 1, -1] as const
const SPAN_EXTREME = { multiple: 2, weight: 0.35 } as const

/**
 * A factor's volatility scan range: the relative shifts of implied volatility
 * SPAN's paired scenarios apply (up 0.5: vol × 1.5; down 0.25: vol × 0.75).
 */
export type VolatilityScanRange = { readonly riskFactor: RiskFactorId; readonly up: number; readonly down: number; readonly source: string }

/**
 * The SPAN-style grid: for each factor with a scan range, moves of ±1/3,
 * ±2/3, ±1 of the range (weight 1) and ±2× (weight 0.35); the same steps for
 * all of them together (the market-wide line); and the unchanged scenario.
 * Lines on a scan range the request set carry a hash of their moves in their
 * id (scenarioId); the server's ranges keep plain ids (`ETH:-1.000`,
 * `market:2.000`).
 *
 * SPAN's volatility axis (CME SPAN scenarios 1–14: each price step once with
 * volatility up its scan range and once down; 15–16, the extremes, with
 * volatility unchanged) changes nothing for a linear book, so it is applied
 * only to the factors in `volatility` (those option legs are written on):
 * their non-extreme steps, and the unchanged case, each come as a
 * volatility-up and a volatility-down scenario (ids `…:vol+0.5`, `…:vol-0.25`).
 */
export function spanGrid(ranges: readonly ScanRange[], volatility: readonly VolatilityScanRange[] = []): StressScenario[] {
  const pct = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`
  const vsr = new Map(volatility.map((v) => [v.riskFactor, v]))
  const steps = [...SPAN_STEPS.map((s) => ({ step: s, weight: 1 })), { step: SPAN_EXTREME.multiple, weight: SPAN_EXTREME.weight }, { step: -SPAN_EXTREME.multiple, weight: SPAN_EXTREME.weight }]
  const scenarios: StressScenario[] = []
  /** The scenario, or its volatility-up and -down pair when `factors` carry a volatility scan range and the step is not an extreme. */
  const push = (key: string, label: string, moves: Record<RiskFactorId, number>, weight: number, factors: readonly RiskFactorId[], requested: boolean, extreme: boolean) => {
    const shifted = extreme ? [] : factors.flatMap((f) => (vsr.has(f) ? [vsr.get(f)!] : []))
    if (shifted.length === 0) {
      scenarios.push({ id: requested ? scenarioId(key, moves, weight) : key, label, moves, weight })
      return
    }
    for (const direction of [1, -1] as const) {
      const volatilityShifts = Object.fromEntries(shifted.map((v) => [v.riskFactor, direction === 1 ? v.up : -v.down]))
      const sizes = [...new Set(shifted.map((v) => (direction === 1 ? v.up : v.down)))]
      const volKey = `${key}:vol${direction === 1 ? '+' : '-'}${sizes.join('/')}`
      const volRequested = requested || shifted.some((v) => v.source === 'request')
      scenarios.push({
        id: volRequested ? scenarioId(volKey, { ...moves, ...Object.fromEntries(Object.entries(volatilityShifts).map(([f, s]) => [`vol:${f}`, s])) }, weight) : volKey,
        label: `${label}, volatility ${direction === 1 ? 'up' : 'down'} its scan range`,
        moves,
        weight,
        volatilityShifts,
      })
    }
  }
  push('unchanged', 'No price move', {}, 1, [...vsr.keys()], false, false)
  for (const r of ranges) {
    for (const { step, weight } of steps) {
      const move = step * r.scanRange
      push(`${r.riskFactor}:${step.toFixed(3)}`, `${r.riskFactor} ${pct(move)} (${formatStep(step)} scan range)`, { [r.riskFactor]: move }, weight, [r.riskFactor], r.source === 'request', weight !== 1)
    }
  }
  if (ranges.length > 1) {
    const requested = ranges.some((r) => r.source === 'request')
    for (const { step, weight } of steps) {
      const moves = Object.fromEntries(ranges.map((r) => [r.riskFactor, step * r.scanRange]))
      push(`market:${step.toFixed(3)}`, `All scanned factors ${formatStep(step)} scan range together`, moves, weight, ranges.map((r) => r.riskFactor), requested, weight !== 1)
    }
  }
  return scenarios
}

function formatStep(step: number): string {
  const s = Math.abs(step)
  const name = Math.abs(s - 1 / 3) < 1e-9 ? '1/3' : Math.abs(s - 2 / 3) < 1e-9 ? '2/3' : s === 1 ? '1×' : `${s}×`
  return `${step < 0 ? '−' : '+'}${name}`
}
