import type { ExtremeMove, FactorScanParameters, SpanParameters, VolatilityScanRange } from '../../domain/portfolioMargin.js'
import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { ScanRange } from '../../domain/stress.js'
import { InvalidArgumentError } from '../../errors/index.js'

/**
 * CME SPAN's extreme-move pair: scenarios 15–16 move the price 2 × PSR with
 * volatility unchanged and count 35% of the loss. Sources: the 16-scenario
 * table (LPU "Financial Derivatives" DCOM510 Table 12.1, after NSE's SPAN:
 * "15 +2 0 35 / 16 –2 0 35"), and McMillan, Options as a Strategic
 * Investment, 5th ed., p. 668 (an S&P 500 future with a 20-point scan range:
 * "an 'extreme' move is 14 points, or $7,000 of risk" = 2 × 20 × 0.35).
 * Some clearing houses use 3×: pass a different ExtremeMove.
 */
export const CME_EXTREME_MOVE: ExtremeMove = { multiple: 2, coverFraction: 0.35 }

/**
 * Default volatility scan range: Deribit's published portfolio-margin
 * parameters for btc_usd, `volatility_range_up: 0.5`,
 * `volatility_range_down: 0.25` (the `private/pme/simulate` example in its
 * API reference, https://docs.deribit.com/api-reference/account-management/private-simulate,
 * model_params timestamp 1718619740501 = 17 June 2024). Relative, as
 * Paradex documents its own shock (Mark IV × (1 + Vol Shock ×
 * (30/max(1, DTE))^Vega Power)) and a third-party replication of Deribit's
 * margin applies Deribit's ranges (https://docs.oreome.com/docs/scenario/risk-scenario-advanced:
 * "volUp = MAX((volAtStrike * (1 + volRangeUp * (30 / daysToExpiry) ^ vegaPower), minVolForShockUp)").
 * xmargin applies the 30-day value (no term scaling, no
 * `min_volatility_for_shock_up` floor). Sourced for BTC; used for other
 * factors as a proxy (no ETH or SOL figure was found).
 */
export const DEFAULT_VOLATILITY_SCAN_RANGE: VolatilityScanRange = { up: 0.5, down: 0.25 }

/** Where DEFAULT_VOLATILITY_SCAN_RANGE comes from, for answers. */
export const DEFAULT_VOLATILITY_SCAN_RANGE_SOURCE =
  'volatility scan range up 0.5 / down 0.25 (relative): Deribit portfolio margin btc_usd volatility_range_up/down, docs.deribit.com private/pme/simulate example (June 2024); a proxy for factors other than BTC'

/**
 * Default short option minimum rate: 1% of the underlying's value per unit
 * short. Deribit's portfolio-margin page (https://www.deribit.com/pages/docs/portfoliomargin)
 * adds "Contingency component of 0.01 BTC per option for all net short
 * options per strike" (one option = 1 BTC of underlying): the same charge on
 * deep out-of-the-money shorts that SPAN's short option minimum makes. A
 * proxy: Deribit nets per strike, SPAN (and xmargin) charges the greater of
 * short calls and short puts; Derive's v2 parameters use 2% per net short
 * contract (OPTION_FACTOR 0.02).
 */
export const DEFAULT_SHORT_OPTION_MINIMUM_RATE = 0.01

/** Where DEFAULT_SHORT_OPTION_MINIMUM_RATE comes from, for answers. */
export const DEFAULT_SHORT_OPTION_MINIMUM_RATE_SOURCE =
  'short option minimum 1% of underlying value per unit short: Deribit portfolio margin "0.01 BTC per option for all net short options per strike" (www.deribit.com/pages/docs/portfoliomargin); a proxy'

/** Per-factor overrides of the defaults (a request's values). Fractions. */
export type SpanParameterOverrides = {
  readonly volatilityScanRange?: Readonly<Record<RiskFactorId, VolatilityScanRange>>
  readonly shortOptionMinimumRate?: Readonly<Record<RiskFactorId, number>>
  readonly extremeMove?: ExtremeMove
}

/**
 * SPAN parameters from price scan ranges (the server's sourced risk profile,
 * e.g. DEFAULT_SCAN_RANGES, or a request's), with the default volatility
 * scan range, short option minimum rate and CME's extreme move unless
 * overridden. Each factor's `sources` says where each value came from.
 * @throws InvalidArgumentError for a value out of range (see validateSpanParameters).
 */
export function toSpanParameters(scanRanges: readonly ScanRange[], overrides: SpanParameterOverrides = {}): SpanParameters {
  const factors = scanRanges.map((r): FactorScanParameters => {
    const vsr = overrides.volatilityScanRange?.[r.riskFactor]
    const som = overrides.shortOptionMinimumRate?.[r.riskFactor]
    return {
      riskFactor: r.riskFactor,
      priceScanRange: r.scanRange,
      volatilityScanRange: vsr ?? DEFAULT_VOLATILITY_SCAN_RANGE,
      shortOptionMinimumRate: som ?? DEFAULT_SHORT_OPTION_MINIMUM_RATE,
      sources: [
        `price scan range: ${r.source}`,
        vsr ? 'volatility scan range: request' : DEFAULT_VOLATILITY_SCAN_RANGE_SOURCE,
        som === undefined ? DEFAULT_SHORT_OPTION_MINIMUM_RATE_SOURCE : 'short option minimum rate: request',
      ],
    }
  })
  const parameters = { factors, extremeMove: overrides.extremeMove ?? CME_EXTREME_MOVE }
  validateSpanParameters(parameters)
  return parameters
}

/**
 * Checks what the scan relies on: one entry per factor; PSR in (0, 1) with
 * the extreme move keeping prices positive (multiple × PSR < 1); VSR up ≥ 0
 * and down in [0, 1) (a volatility stays positive); SOM rate ≥ 0; extreme
 * multiple > 0 and cover fraction in [0, 1]. All finite.
 * @throws InvalidArgumentError naming the factor and field.
 */
export function validateSpanParameters(p: SpanParameters): void {
  const { multiple, coverFraction } = p.extremeMove
  if (!(Number.isFinite(multiple) && multiple > 0)) throw new InvalidArgumentError('extremeMove.multiple', `must be a positive number of price scan ranges, got ${multiple}`)
  if (!(Number.isFinite(coverFraction) && coverFraction >= 0 && coverFraction <= 1)) throw new InvalidArgumentError('extremeMove.coverFraction', `must be a fraction in [0, 1], got ${coverFraction}`)
  const seen = new Set<RiskFactorId>()
  for (const f of p.factors) {
    const at = (field: string) => `scanParameters[${f.riskFactor}].${field}`
    if (seen.has(f.riskFactor)) throw new InvalidArgumentError(`scanParameters[${f.riskFactor}]`, 'is given twice; give each risk factor once')
    seen.add(f.riskFactor)
    if (!(Number.isFinite(f.priceScanRange) && f.priceScanRange > 0 && f.priceScanRange < 1)) throw new InvalidArgumentError(at('priceScanRange'), `must be a fraction in (0, 1), got ${f.priceScanRange}`)
    if (multiple * f.priceScanRange >= 1) throw new InvalidArgumentError(at('priceScanRange'), `× the extreme multiple ${multiple} moves the price by −${(multiple * f.priceScanRange * 100).toFixed(1)}%, to zero or below; use a smaller range or multiple`)
    const { up, down } = f.volatilityScanRange
    if (!(Number.isFinite(up) && up >= 0)) throw new InvalidArgumentError(at('volatilityScanRange.up'), `must be a fraction ≥ 0, got ${up}`)
    if (!(Number.isFinite(down) && down >= 0 && down < 1)) throw new InvalidArgumentError(at('volatilityScanRange.down'), `must be a fraction in [0, 1), got ${down}`)
    if (!(Number.isFinite(f.shortOptionMinimumRate) && f.shortOptionMinimumRate >= 0)) throw new InvalidArgumentError(at('shortOptionMinimumRate'), `must be a fraction ≥ 0, got ${f.shortOptionMinimumRate}`)
  }
}

/**
 * An implied volatility under a scenario's volatility shift (VolatilityScanRange's convention):
 * σ·(1 + shift·up) for shift > 0, σ·(1 + shift·down) for shift < 0, σ for 0.
 * Annualized fractions in and out.
 */
export function shiftVolatility(volatility: number, shift: number, range: VolatilityScanRange): number {
  if (shift > 0) return volatility * (1 + shift * range.up)
  if (shift < 0) return volatility * (1 + shift * range.down)
  return volatility
}
