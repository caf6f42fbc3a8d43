import type { ExtremeMove, FactorScanParameters, VolatilityShift } from '../../domain/portfolioMargin.js'
import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { ScanScenario } from './book.js'

/**
 * One of SPAN's 16 risk scenarios, in multiples of the scan ranges:
 * `priceScanFraction` × PSR, `volatilityShift` × VSR, loss counted at `weight`.
 */
export type SpanScenarioDefinition = {
  readonly id: number
  readonly priceScanFraction: number
  readonly volatilityShift: VolatilityShift
  readonly weight: number
}

/**
 * SPAN's 16 risk scenarios in CME's order: 1–14 the price unchanged, up and
 * down 1/3, 2/3 and 3/3 of the price scan range, each with volatility up
 * then down the volatility scan range, at full weight; 15–16 the extreme
 * move up and down (`extreme.multiple` × PSR) with volatility unchanged,
 * counted at `extreme.coverFraction`.
 * Sources: CME's SPAN report reference, "Risk Arrays"
 * (https://www.cmegroup.com/confluence/display/pubspan/Risk+Arrays: "These
 * Scan Risk Scenarios provide sixteen different potential market scenarios
 * … 1 Futures Price Unchanged; Volatility up the Volatility Scan Range …");
 * the full table with fractions and weights in LPU "Financial Derivatives"
 * (DCOM510) Table 12.1 after NSE's SPAN (http://eslm.lpude.in/commerce/mcom/term_4/DCOM510_FINANCIAL_DERIVATIVES/files/basic-html/page193.html);
 * the same order in McMillan, Options as a Strategic Investment, 5th ed.,
 * pp. 668–670 ("The 16 array items are always displayed in this order").
 */
export function spanScenarioDefinitions(extreme: ExtremeMove): readonly SpanScenarioDefinition[] {
  const steps = [0, 1 / 3, -1 / 3, 2 / 3, -2 / 3, 1, -1]
  const scanned = steps.flatMap((priceScanFraction, i) =>
    ([1, -1] as const).map((volatilityShift, j) => ({ id: 2 * i + j + 1, priceScanFraction, volatilityShift, weight: 1 })),
  )
  return [
    ...scanned,
    { id: 15, priceScanFraction: extreme.multiple, volatilityShift: 0, weight: extreme.coverFraction },
    { id: 16, priceScanFraction: -extreme.multiple, volatilityShift: 0, weight: extreme.coverFraction },
  ]
}

/**
 * A scenario definition applied to one factor (others unchanged) or to every
 * scanned factor together (each by the same fraction of its own PSR, every
 * volatility shifted the same way): the moves a book is valued under, and
 * the relative moves for the answer.
 */
export function toScanScenario(definition: SpanScenarioDefinition, factors: readonly FactorScanParameters[]): { scenario: ScanScenario; priceMoves: Record<RiskFactorId, number> } {
  const priceMoves: Record<RiskFactorId, number> = {}
  const volShifts = new Map<RiskFactorId, number>()
  for (const f of factors) {
    priceMoves[f.riskFactor] = definition.priceScanFraction * f.priceScanRange
    if (definition.volatilityShift !== 0) volShifts.set(f.riskFactor, definition.volatilityShift)
  }
  return { scenario: { priceMoves: new Map(Object.entries(priceMoves)), volShifts }, priceMoves }
}

/**
 * A scenario's label, in the words of CME's scenario table: e.g. "ETH down
 * 3/3 of the price scan range; volatility up", "All factors up extreme move
 * (2× the price scan range; 35% of the loss counted)".
 */
export function scenarioLabel(subject: string, d: SpanScenarioDefinition): string {
  if (d.volatilityShift === 0) {
    const direction = d.priceScanFraction > 0 ? 'up' : 'down'
    return `${subject} ${direction} extreme move (${Math.abs(d.priceScanFraction)}× the price scan range; ${formatPercent(d.weight)} of the loss counted)`
  }
  const volatility = d.volatilityShift > 0 ? 'volatility up' : 'volatility down'
  if (d.priceScanFraction === 0) return `${subject} unchanged; ${volatility}`
  const thirds = Math.round(Math.abs(d.priceScanFraction) * 3)
  return `${subject} ${d.priceScanFraction > 0 ? 'up' : 'down'} ${thirds}/3 of the price scan range; ${volatility}`
}

function formatPercent(x: number): string {
  return `${Number((x * 100).toFixed(2))}%`
}
