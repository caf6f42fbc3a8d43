import Table from 'cli-table3'
import pc from 'picocolors'
import { XmarginClientError, type PortfolioMarginView, type PortfolioView, type VenueView } from '../client/index.js'

/**
 * Terminal rendering of the typed client's answers (`xmargin portfolio`).
 * Pure: strings in, strings out; colors only when picocolors detects a
 * color terminal (off under `NO_COLOR` or when piped).
 */

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })

/** USD, whole dollars with separators (`$12,345`). */
export function formatUsd(value: number): string {
  return usd.format(value)
}

/** A health factor to 4 decimals; `∞` for no debt (null). */
export function formatHealthFactor(value: number | null): string {
  return value === null ? '∞' : value.toFixed(4)
}

/** A signed percent with one decimal (`-23.4%`). */
export function formatPct(value: number): string {
  return `${value > 0 ? '+' : ''}${value.toFixed(1)}%`
}

/**
 * How the nearest liquidation was ranked: its σ-distance over the horizon
 * (`13.8σ in 1 d`), or, for a factor the risk profile has no volatility for,
 * that it was ranked by percent move after the σ-ranked ones.
 */
export function formatLiquidationRanking(nearest: { readonly riskFactor: string; readonly sigmaDistance: number | null; readonly ranking: 'SIGMA' | 'PERCENT' }, horizonDays: number): string {
  return nearest.ranking === 'SIGMA' && nearest.sigmaDistance !== null
    ? `${nearest.sigmaDistance.toFixed(1)}σ in ${horizonDays} d`
    : `ranked by % move: no volatility for ${nearest.riskFactor} in the risk profile`
}

/** Seconds as a short age (`12s`, `4m`, `3h`, `2d`). */
export function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.max(0, Math.round(seconds))}s`
  if (seconds < 7_200) return `${Math.round(seconds / 60)}m`
  if (seconds < 172_800) return `${Math.round(seconds / 3_600)}h`
  return `${Math.round(seconds / 86_400)}d`
}

function colorStatus(status: VenueView['status']): string {
  switch (status) {
    case 'HEALTHY':
      return pc.green(status)
    case 'NO_DEBT':
      return pc.dim(status)
    case 'LIQUIDATABLE':
      return pc.red(pc.bold(status))
    case 'UNAVAILABLE':
      return pc.yellow(status)
  }
}

/**
 * The venue's own nearest liquidation as the engine ranks it
 * (`liquidationDistance.perVenue`, by σ-distance, else by percent): factor,
 * reference asset, USD price, move from now and its σ.
 */
function nearestLiquidation(venue: VenueView, perVenue: PortfolioView['liquidationDistance']['perVenue'], horizonDays: number): string {
  const nearest = perVenue.find((n) => n.venueId === venue.id)
  if (!nearest) return venue.status === 'UNAVAILABLE' ? '' : '—'
  const reference = venue.liquidationPrices?.find((p) => p.riskFactor === nearest.riskFactor)?.referenceAsset ?? nearest.riskFactor
  const price = nearest.priceUsd >= 100 ? nearest.priceUsd.toFixed(2) : nearest.priceUsd.toPrecision(5)
  const sigma = nearest.ranking === 'SIGMA' && nearest.sigmaDistance !== null ? `, ${formatLiquidationRanking(nearest, horizonDays)}` : ', by %'
  return `${nearest.riskFactor}: ${reference} $${price} (${formatPct(nearest.changePct)}${sigma})`
}

/** A venue id for a table: long hex parts (market ids, addresses) shortened to `0x1234…abcd`. */
export function shortVenueId(id: string): string {
  return id.replace(/0x[0-9a-fA-F]{12,}/g, (hex) => `${hex.slice(0, 6)}…${hex.slice(-4)}`)
}

/** Where a venue's data comes from: `#block, age` on a chain, or the API / replay. */
function dataOf(venue: VenueView, nowSeconds: number): string {
  if (venue.block) return `#${venue.block.blockNumber}, ${formatAge(nowSeconds - Number(venue.block.timestamp))} old`
  if (venue.source) return venue.source.kind === 'REPLAY' ? 'replayed recording' : (venue.source.endpoint ?? 'API')
  return ''
}

/**
 * The one account's risk-based requirement (SPAN) and the capital it would
 * free, in one line: `Risk-based requirement as one account (SPAN): $14,134
 * (margin ratio 9.88), frees $30,650 vs the protocols' $44,784 and $50,792 vs
 * the haircut table's $64,926; set by ETH: scenario 13 (…)`; or why it is
 * missing.
 */
export function formatRiskBasedRequirement(margin: PortfolioMarginView | XmarginClientError): string {
  if (margin instanceof XmarginClientError) return pc.yellow(`Risk-based requirement unavailable: ${margin.code} ${margin.message}`)
  const v = margin.venues
  const ratio = v.netted.marginRatio === null ? '—' : v.netted.marginRatio.toFixed(2)
  return (
    `Risk-based requirement as one account (SPAN): ${pc.bold(formatUsd(v.netted.requirementUsd))} (margin ratio ${ratio}), ` +
    `frees ${formatUsd(v.capitalFreedVsProtocolUsd)} vs the protocols' ${formatUsd(v.protocolMaintenanceMarginUsd)} and ` +
    `${formatUsd(v.capitalFreedVsTableUsd)} vs the haircut table's ${formatUsd(v.nettedTableRequirementUsd)}; set by ${v.netted.setBy}`
  )
}

/**
 * The `portfolio` command's table and summary: venues (health factor,
 * collateral, debt, nearest liquidation, data block and age), unavailable
 * chains, the unified health, the risk-based requirement as one account
 * (when `margin` is given), the nearest single-factor liquidation (ranked by
 * σ-distance, with its percent move), the first venue to liquidate and the
 * worst stress scenario.
 */
export function renderPortfolio(p: PortfolioView, nowSeconds = Date.now() / 1000, margin?: PortfolioMarginView | XmarginClientError): string {
  const table = new Table({
    head: ['Venue', 'Status', 'Health factor', 'Collateral', 'Debt', 'Nearest liquidation', 'Data'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'left', 'left'],
    style: { head: [], border: [] },
  })
  for (const v of p.venues) {
    const error = v.error ? pc.yellow(`${v.error.code}: ${v.error.message}`) : ''
    table.push([
      shortVenueId(v.id),
      colorStatus(v.status),
      formatHealthFactor(v.healthFactor),
      v.margin ? formatUsd(v.margin.collateralUsd) : '',
      v.margin ? formatUsd(v.margin.debtUsd) : '',
      v.status === 'UNAVAILABLE' ? error : nearestLiquidation(v, p.liquidationDistance.perVenue, p.liquidationDistance.horizonDays),
      dataOf(v, nowSeconds),
    ])
  }
  const lines = [pc.bold(`xmargin: ${p.owner}`), table.toString()]
  for (const c of p.chains) {
    if (c.status === 'UNAVAILABLE') lines.push(pc.yellow(`chain ${c.chainId} ${c.name} UNAVAILABLE${c.error ? `: ${c.error.code} ${c.error.message}` : ''}; its venues are not counted as zero`))
    else if (c.stale) lines.push(pc.yellow(`chain ${c.chainId} ${c.name}: head is ${formatAge(c.headAgeSeconds ?? 0)} old (stale)`))
  }
  const one = p.oneAccount
  lines.push(
    `Unified (one-account) health factor: ${pc.bold(formatHealthFactor(one.healthFactor))}${one.liquidatable ? pc.red(' LIQUIDATABLE') : ''}` +
      `  equity ${formatUsd(one.equityUsd)}, maintenance margin ${formatUsd(one.maintenanceMarginUsd)}` +
      `  (totals: collateral ${formatUsd(p.totals.collateralUsd)}, debt ${formatUsd(p.totals.debtUsd)})`,
  )
  if (margin !== undefined) lines.push(formatRiskBasedRequirement(margin))
  const nearest = p.liquidationDistance.nearest
  if (nearest) {
    lines.push(
      `Nearest liquidation: ${shortVenueId(nearest.venueId)} when ${nearest.riskFactor} reaches $${nearest.priceUsd.toFixed(2)} ` +
        `(${formatPct(nearest.changePct)}; ${formatLiquidationRanking(nearest, p.liquidationDistance.horizonDays)})`,
    )
  }
  if (p.firstToLiquidate) lines.push(`First to liquidate in a market-wide move: ${shortVenueId(p.firstToLiquidate.venueId)} at ${formatPct(p.firstToLiquidate.changePct)}`)
  const worst = p.stressGrid.worst
  if (worst) {
    const liquidated = worst.liquidatedVenueIds.length === 0 ? 'no venue liquidated' : `liquidates ${worst.liquidatedVenueIds.map(shortVenueId).join(', ')} (cost ${formatUsd(worst.liquidationCostUsd)})`
    lines.push(`Worst stress scenario: ${worst.scenario.label}: loss ${formatUsd(worst.lossUsd)}, ${liquidated}`)
  }
  return lines.join('\n')
}
