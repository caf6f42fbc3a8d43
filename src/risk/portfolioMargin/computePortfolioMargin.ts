import type {
  AllFactorScan,
  FactorRequirementSource,
  FactorScanningRisk,
  PortfolioMargin,
  RequirementSource,
  ScanScenarioResult,
  ShortOptionMinimumCharge,
  SpanParameters,
} from '../../domain/portfolioMargin.js'
import type { RiskFactorId } from '../../domain/riskFactor.js'
import { InternalInvariantError } from '../../errors/index.js'
import { UNCHANGED_SCENARIO, type Book, type ScanScenario, type ShortOptionNotional } from './book.js'
import { validateSpanParameters } from './spanParameters.js'
import { scenarioLabel, spanScenarioDefinitions, toScanScenario, type SpanScenarioDefinition } from './spanScenarios.js'

/**
 * Risk-based portfolio margin of `books` seen as one account: CME SPAN's
 * scanning risk as published, per risk factor, plus xmargin's correlated
 * all-factor scan.
 *
 * Per factor f with parameters (SPAN's combined commodity), f alone moved:
 *   loss_s = Σ_b value_b(unchanged) − value_b(s) over SPAN's 16 scenarios s
 *   (spanScenarioDefinitions), weighted 1 (1–14) or the cover fraction (15–16);
 *   scanning risk_f = max(0, max_s weight_s · loss_s);
 *   SOM_f = rate_f · max(Σ_b short call notional_b,f, Σ_b short put notional_b,f);
 *   requirement_f = max(scanning risk_f, SOM_f).
 * SPAN requirement = Σ_f requirement_f. SPAN compares the short option
 * minimum with each combined commodity's risk and adds the results (Euronext
 * / LCH: "Initial margin = scanning loss + inter-month spread charge −
 * inter-commodity charge credit, or the short option minimum charge,
 * whichever is the greater", http://www.euronext.com/editorial/wide/editorial-4323-EN.html;
 * LCH's London SPAN Version 4 technical information package, steps 2.6–2.10:
 * combined contract risk, its short option minimum charge, its initial
 * margin, repeated for every combined contract, then the portfolio's,
 * https://studylib.net/doc/8963347/span-version-4-tip).
 * Left out: intra-commodity (inter-month) spread charges (one price per
 * factor here) and inter-commodity spread credits (SPAN grants them at
 * credit rates published per commodity pair; none are published for these
 * crypto factors, and their delta-based mechanics are not implemented).
 *
 * xmargin's addition beyond SPAN: every scanned factor moved together by the
 * same fraction of its own PSR, in both directions, volatility up and down
 * together, plus the extreme pair at the cover fraction (16 scenarios);
 * requirement = max(SPAN requirement, worst all-factor weighted loss). SPAN
 * assumes a combined commodity's positions depend on its own factor only;
 * a book holding an LST (ETH × the WSTETH_ETH ratio) is not separable, and
 * moving both factors together can lose more than the two scans added.
 *
 * USD throughout; equity = Σ_b value_b(unchanged); margin ratio = equity /
 * requirement (null when the requirement is 0). On a tie the SPAN total
 * sets the requirement.
 * @throws InvalidArgumentError for parameters out of range (validateSpanParameters).
 * @throws InternalInvariantError when a book values to a non-finite number
 *   or reports a negative or non-finite short option notional.
 */
export function computePortfolioMargin(books: readonly Book[], parameters: SpanParameters): PortfolioMargin {
  validateSpanParameters(parameters)
  return combineValuations(valueBooks(books, parameters), parameters)
}

/**
 * One book valued once under every scenario the scan needs, USD: with
 * nothing moved (`baseUsd`), under each factor's 16 scenarios (`perFactor`,
 * in CME order) and under the 16 all-factor scenarios.
 */
export type BookValuation = {
  readonly bookId: string
  readonly baseUsd: number
  readonly perFactor: ReadonlyMap<RiskFactorId, readonly number[]>
  readonly allFactors: readonly number[]
  readonly shortOptions: ReadonlyMap<RiskFactorId, ShortOptionNotional>
}

/**
 * Values each book under the scan's scenarios (1 + 16 × (factors + 1)
 * calls per book), so one valuation serves each book alone and any netted
 * set (losses add across books).
 * @throws InternalInvariantError as computePortfolioMargin.
 */
export function valueBooks(books: readonly Book[], parameters: SpanParameters): BookValuation[] {
  const definitions = spanScenarioDefinitions(parameters.extremeMove)
  const perFactorScenarios = parameters.factors.map((f) => ({ riskFactor: f.riskFactor, scenarios: definitions.map((d) => toScanScenario(d, [f]).scenario) }))
  const allFactorScenarios = definitions.map((d) => toScanScenario(d, parameters.factors).scenario)
  return books.map((book) => {
    const value = (scenario: ScanScenario, what: string) => {
      const v = book.value(scenario)
      if (!Number.isFinite(v)) throw new InternalInvariantError(`book ${book.id} values to ${v} under ${what}`)
      return v
    }
    for (const [f, n] of book.shortOptions ?? []) {
      if (!(Number.isFinite(n.callsUsd) && n.callsUsd >= 0 && Number.isFinite(n.putsUsd) && n.putsUsd >= 0)) {
        throw new InternalInvariantError(`book ${book.id} reports a short option notional on ${f} that is not a finite amount ≥ 0 (calls ${n.callsUsd}, puts ${n.putsUsd})`)
      }
    }
    return {
      bookId: book.id,
      baseUsd: value(UNCHANGED_SCENARIO, 'the unchanged scenario'),
      perFactor: new Map(perFactorScenarios.map((p) => [p.riskFactor, p.scenarios.map((s, i) => value(s, `${p.riskFactor} scenario ${i + 1}`))])),
      allFactors: allFactorScenarios.map((s, i) => value(s, `all-factor scenario ${i + 1}`)),
      shortOptions: book.shortOptions ?? new Map(),
    }
  })
}

/**
 * The portfolio margin of the books whose valuations are given, netted as
 * one account (see computePortfolioMargin for every formula). `parameters`
 * must be those the valuations were made with.
 */
export function combineValuations(valuations: readonly BookValuation[], parameters: SpanParameters): PortfolioMargin {
  const definitions = spanScenarioDefinitions(parameters.extremeMove)
  const equityUsd = sum(valuations.map((v) => v.baseUsd))
  const shortOptions = sumShortOptions(valuations)
  const scanned = new Set(parameters.factors.map((f) => f.riskFactor))

  const factors = parameters.factors.map((f): FactorScanningRisk => {
    const scenarios = definitions.map((d, i) =>
      toResult(d, scenarioLabel(f.riskFactor, d), toScanScenario(d, [f]).priceMoves, sum(valuations.map((v) => v.baseUsd - valuedAt(v, v.perFactor.get(f.riskFactor), i)))),
    )
    const worst = worstOf(scenarios)
    const notional = shortOptions.get(f.riskFactor)
    const shortOptionMinimum: ShortOptionMinimumCharge | null = notional
      ? {
          riskFactor: f.riskFactor,
          shortCallNotionalUsd: notional.callsUsd,
          shortPutNotionalUsd: notional.putsUsd,
          rate: f.shortOptionMinimumRate,
          // CME Clearing House Advisory 99-65: the greater of the short calls or the short puts, times the rate
          chargeUsd: f.shortOptionMinimumRate * Math.max(notional.callsUsd, notional.putsUsd),
        }
      : null
    const scanningRiskUsd = worst ? worst.weightedLossUsd : 0
    return {
      riskFactor: f.riskFactor,
      priceScanRange: f.priceScanRange,
      volatilityScanRange: f.volatilityScanRange,
      scenarios,
      scanningRiskUsd,
      worstScenario: worst,
      shortOptionMinimum,
      requirementUsd: Math.max(scanningRiskUsd, shortOptionMinimum?.chargeUsd ?? 0),
    }
  })

  const allFactorScenarios = definitions.map((d, i) =>
    toResult(d, scenarioLabel('All factors', d), toScanScenario(d, parameters.factors).priceMoves, sum(valuations.map((v) => v.baseUsd - valuedAt(v, v.allFactors, i)))),
  )
  const allWorst = worstOf(allFactorScenarios)
  const allFactors: AllFactorScan = {
    riskFactors: parameters.factors.map((f) => f.riskFactor),
    scenarios: allFactorScenarios,
    worstLossUsd: allWorst ? allWorst.weightedLossUsd : 0,
    worstScenario: allWorst,
  }

  const scanningRiskUsd = sum(factors.map((f) => f.scanningRiskUsd))
  const shortOptionMinimumUsd = sum(factors.map((f) => f.shortOptionMinimum?.chargeUsd ?? 0))
  const spanRequirementUsd = sum(factors.map((f) => f.requirementUsd))
  const requirementUsd = Math.max(spanRequirementUsd, allFactors.worstLossUsd)
  return {
    bookIds: valuations.map((v) => v.bookId),
    factors,
    scanningRiskUsd,
    shortOptionMinimumUsd,
    spanRequirementUsd,
    allFactors,
    requirementUsd,
    setBy: requirementSource(factors, allFactors, spanRequirementUsd, requirementUsd),
    equityUsd,
    marginRatio: requirementUsd > 0 ? equityUsd / requirementUsd : null,
    extremeMove: parameters.extremeMove,
    unscannedFactors: [...shortOptions.keys()].filter((f) => !scanned.has(f)).sort(),
  }
}

/** A book's value under scenario i of a series; the series must come from valueBooks with the same parameters. */
function valuedAt(v: BookValuation, series: readonly number[] | undefined, i: number): number {
  const x = series?.[i]
  if (x === undefined) throw new InternalInvariantError(`book ${v.bookId} was not valued under the scan's scenario ${i + 1} (valuations made with other parameters)`)
  return x
}

function toResult(d: SpanScenarioDefinition, label: string, priceMoves: Record<RiskFactorId, number>, lossUsd: number): ScanScenarioResult {
  return { id: d.id, label, priceScanFraction: d.priceScanFraction, volatilityShift: d.volatilityShift, weight: d.weight, priceMoves, lossUsd, weightedLossUsd: d.weight * lossUsd }
}

/** The scenario with the largest weighted loss (the first in CME order on a tie), or null when none loses. */
function worstOf(scenarios: readonly ScanScenarioResult[]): ScanScenarioResult | null {
  let worst: ScanScenarioResult | null = null
  for (const s of scenarios) if (s.weightedLossUsd > 0 && (worst === null || s.weightedLossUsd > worst.weightedLossUsd)) worst = s
  return worst
}

function requirementSource(factors: readonly FactorScanningRisk[], allFactors: AllFactorScan, spanRequirementUsd: number, requirementUsd: number): RequirementSource {
  if (requirementUsd <= 0) return { kind: 'none' }
  if (allFactors.worstScenario && allFactors.worstLossUsd > spanRequirementUsd) return { kind: 'allFactors', scenario: allFactors.worstScenario }
  const sources: { usd: number; source: FactorRequirementSource }[] = []
  for (const f of factors) {
    const som = f.shortOptionMinimum
    if (som && som.chargeUsd > f.scanningRiskUsd) sources.push({ usd: som.chargeUsd, source: { kind: 'shortOptionMinimum', riskFactor: f.riskFactor, charge: som } })
    else if (f.worstScenario) sources.push({ usd: f.scanningRiskUsd, source: { kind: 'scenario', riskFactor: f.riskFactor, scenario: f.worstScenario } })
  }
  return { kind: 'span', factors: sources.sort((a, b) => b.usd - a.usd).map((s) => s.source) }
}

function sumShortOptions(valuations: readonly BookValuation[]): Map<RiskFactorId, ShortOptionNotional> {
  const total = new Map<RiskFactorId, ShortOptionNotional>()
  for (const v of valuations) {
    for (const [f, n] of v.shortOptions) {
      const t = total.get(f)
      total.set(f, { callsUsd: (t?.callsUsd ?? 0) + n.callsUsd, putsUsd: (t?.putsUsd ?? 0) + n.putsUsd })
    }
  }
  return total
}

function sum(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0)
}
