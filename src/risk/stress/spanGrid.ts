import type { ScanRange, StressScenario } from '../../domain/stress.js'
import { scenarioId } from './scenarioId.js'

export type { StressScenario } from '../../domain/stress.js'

/** SPAN's price steps as fractions of the scan range, and its extreme step with the 35% weight (CME SPAN, scenarios 1–16). */
const SPAN_STEPS = [1 / 3, -1 / 3, 2 / 3, -2 / 3, 1, -1] as const
const SPAN_EXTREME = { multiple: 2, weight: 0.35 } as const

/**
 * The SPAN-style grid for a linear book: for each factor with a scan range,
 * moves of ±1/3, ±2/3, ±1 of the range (weight 1) and ±2× (weight 0.35); the
 * same steps for all of them together (the market-wide line); and the
 * unchanged scenario. Lines on a scan range the request set carry a hash of
 * their moves in their id (scenarioId); the server's ranges keep plain ids
 * (`ETH:-1.000`, `market:2.000`). SPAN's volatility axis (scenarios paired up and down in
 * volatility) changes nothing without options, so only the distinct price
 * scenarios are listed.
 */
export function spanGrid(ranges: readonly ScanRange[]): StressScenario[] {
  const pct = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`
  const scenarios: StressScenario[] = [{ id: 'unchanged', label: 'No price move', moves: {}, weight: 1 }]
  const steps = [...SPAN_STEPS.map((s) => ({ step: s, weight: 1 })), { step: SPAN_EXTREME.multiple, weight: SPAN_EXTREME.weight }, { step: -SPAN_EXTREME.multiple, weight: SPAN_EXTREME.weight }]
  for (const r of ranges) {
    for (const { step, weight } of steps) {
      const move = step * r.scanRange
      const key = `${r.riskFactor}:${step.toFixed(3)}`
      scenarios.push({ id: r.source === 'request' ? scenarioId(key, { [r.riskFactor]: move }, weight) : key, label: `${r.riskFactor} ${pct(move)} (${formatStep(step)} scan range)`, moves: { [r.riskFactor]: move }, weight })
    }
  }
  if (ranges.length > 1) {
    const requested = ranges.some((r) => r.source === 'request')
    for (const { step, weight } of steps) {
      const moves = Object.fromEntries(ranges.map((r) => [r.riskFactor, step * r.scanRange]))
      const key = `market:${step.toFixed(3)}`
      scenarios.push({ id: requested ? scenarioId(key, moves, weight) : key, label: `All scanned factors ${formatStep(step)} scan range together`, moves, weight })
    }
  }
  return scenarios
}

function formatStep(step: number): string {
  const s = Math.abs(step)
  const name = Math.abs(s - 1 / 3) < 1e-9 ? '1/3' : Math.abs(s - 2 / 3) < 1e-9 ? '2/3' : s === 1 ? '1×' : `${s}×`
  return `${step < 0 ? '−' : '+'}${name}`
}
