import type { OneAccountFactor, OneAccountView, RiskFactorExposure } from '../../domain/portfolio.js'

/**
 * The standard collateral-factor table of the one-account lens: maintenance
 * weights by factor kind, with per-factor overrides. Fractions in (0, 1].
 * Defaults (DOMAIN.md, after the cross-margin literature): 0.95 stablecoins,
 * 0.70 volatile assets and LSTs.
 */
export type CollateralFactorTable = {
  readonly stable: number
  readonly volatile: number
  readonly overrides: Readonly<Record<string, number>>
}

/** Initial weights sit this far below maintenance weights. */
export const INITIAL_WEIGHT_OFFSET = 0.05

/**
 * Treats the wallet as one cross-margin account: nets each base risk factor
 * across venues and chains, then applies one table of collateral factors.
 *   health = Σ_f cf_f · max(net_f, 0) / Σ_f max(−net_f, 0)
 *   maintenance margin = Σ_f (1 − cf_f) · max(net_f, 0); initial likewise with cf − 0.05
 *   margin ratio = equity / maintenance margin; liquidatable ⇔ equity < maintenance margin
 *   separate requirement = Σ over venues of the same rule applied to each venue's own exposures
 *   netting benefit = separate requirement − this maintenance margin (like for like: ≥ 0, as
 *     (1 − cf)·max(Σ_v x_v, 0) ≤ Σ_v (1 − cf)·max(x_v, 0) for each factor)
 *   fragmentation cost = Σ venues' own maintenance margins − this maintenance margin (two rules: the protocols' figure)
 * Source: DOMAIN.md "One margin model for every venue" (lens 2).
 *
 * @param exposures from computeExposures; ratio factors are skipped (an LST
 *   counts once, under its base factor).
 * @param venuesMaintenanceMarginUsd Σ of the venues' own maintenance margins, USD.
 * @param venueExposures each venue's own exposures (computeExposures of that venue alone).
 */
export function computeOneAccountView(
  exposures: readonly RiskFactorExposure[],
  table: CollateralFactorTable,
  venuesMaintenanceMarginUsd: number,
  venueExposures: readonly (readonly RiskFactorExposure[])[],
): OneAccountView {
  const factors: OneAccountFactor[] = exposures
    .filter((e) => e.kind !== 'ratio')
    .map((e) => {
      const maintenanceWeight = table.overrides[e.riskFactor] ?? (e.kind === 'stable' ? table.stable : table.volatile)
      return {
        riskFactor: e.riskFactor,
        kind: e.kind,
        netUsd: e.netUsd,
        maintenanceWeight,
        initialWeight: Math.max(0, maintenanceWeight - INITIAL_WEIGHT_OFFSET),
      }
    })
  let assetsUsd = 0
  let liabilitiesUsd = 0
  let weightedAssetsUsd = 0
  let maintenanceMarginUsd = 0
  let initialMarginUsd = 0
  for (const f of factors) {
    if (f.netUsd > 0) {
      assetsUsd += f.netUsd
      weightedAssetsUsd += f.maintenanceWeight * f.netUsd
      maintenanceMarginUsd += (1 - f.maintenanceWeight) * f.netUsd
      initialMarginUsd += (1 - f.initialWeight) * f.netUsd
    } else {
      liabilitiesUsd += -f.netUsd
    }
  }
  const equityUsd = assetsUsd - liabilitiesUsd
  const separateRequirementUsd = venueExposures.reduce((s, v) => s + tableRequirementUsd(v, table), 0)
  return {
    factors,
    healthFactor: liabilitiesUsd > 0 ? weightedAssetsUsd / liabilitiesUsd : null,
    assetsUsd,
    liabilitiesUsd,
    weightedAssetsUsd,
    equityUsd,
    maintenanceMarginUsd,
    initialMarginUsd,
    marginRatio: maintenanceMarginUsd > 0 ? equityUsd / maintenanceMarginUsd : null,
    liquidatable: liabilitiesUsd > 0 && equityUsd < maintenanceMarginUsd,
    separateRequirementUsd,
    nettingBenefitUsd: separateRequirementUsd - maintenanceMarginUsd,
    protocolsMaintenanceMarginUsd: venuesMaintenanceMarginUsd,
    fragmentationCostUsd: venuesMaintenanceMarginUsd - maintenanceMarginUsd,
  }
}

/** The table's maintenance requirement of one set of exposures: Σ_f (1 − cf_f)·max(net_f, 0) over base factors, USD. */
export function tableRequirementUsd(exposures: readonly RiskFactorExposure[], table: CollateralFactorTable): number {
  let usd = 0
  for (const e of exposures) {
    if (e.kind === 'ratio' || e.netUsd <= 0) continue
    const weight = table.overrides[e.riskFactor] ?? (e.kind === 'stable' ? table.stable : table.volatile)
    usd += (1 - weight) * e.netUsd
  }
  return usd
}
