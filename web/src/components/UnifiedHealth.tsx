import type { PortfolioView } from '../../../src/client/index.js'
import { formatChangePct, formatHealthFactor, formatPriceUsd, formatRatio, formatSigmas, formatUsd } from '../format.js'
import type { Labels } from '../venueLabels.js'
import { healthClass } from './VenueTable.js'

/** One labelled figure; `rawValue` (the API's number) goes into `data-value` for the tests to compare. */
export function Metric({
  label,
  value,
  hint,
  testId,
  className,
  rawValue,
}: {
  readonly label: string
  readonly value: string
  readonly hint?: string
  readonly testId?: string
  readonly className?: string
  readonly rawValue?: number | null
}) {
  return (
    <div className={`metric ${className ?? ''}`} data-testid={testId} data-value={rawValue === undefined ? undefined : rawValue === null ? '' : String(rawValue)}>
      <div className="metric-label">{label}</div>
      <div className="metric-value">{value}</div>
      {hint ? <div className="metric-hint">{hint}</div> : null}
    </div>
  )
}

/**
 * The wallet as one cross-margin account (unified health, margin ratio,
 * equity, totals) and where liquidation comes first: the first venue under a
 * market-wide move and the nearest single-factor liquidation, ranked by
 * σ-distance (shown with its percent move and which ranking it used).
 */
export function UnifiedHealth({ portfolio, labels }: { readonly portfolio: PortfolioView; readonly labels: Labels }) {
  const { oneAccount, totals, firstToLiquidate, liquidationDistance } = portfolio
  const nearest = liquidationDistance.nearest
  const marketWide = liquidationDistance.marketWide
  return (
    <section className="card unified" aria-labelledby="unified-title">
      <h2 id="unified-title">Cross-margin health</h2>
      <div className="unified-grid">
        <div className={`hero ${healthClass(oneAccount.healthFactor)}`} data-testid="unified-hf" data-hf={oneAccount.healthFactor === null ? '' : String(oneAccount.healthFactor)}>
          <div className="metric-label">Unified health factor</div>
          <div className="hero-value">{formatHealthFactor(oneAccount.healthFactor)}</div>
          <div className="metric-hint">{oneAccount.liquidatable ? 'liquidatable as one account' : 'all venues netted as one account'}</div>
        </div>
        <div className="metrics">
          <Metric label="Margin ratio" value={formatRatio(oneAccount.marginRatio)} hint="equity / maintenance margin" testId="margin-ratio" />
          <Metric label="Equity" value={formatUsd(oneAccount.equityUsd)} testId="equity" />
          <Metric label="Collateral" value={formatUsd(totals.collateralUsd)} hint="sum over venues" />
          <Metric label="Debt" value={formatUsd(totals.debtUsd)} hint="sum over venues" />
          <Metric label="Maintenance margin" value={formatUsd(oneAccount.maintenanceMarginUsd)} hint={`as one account; protocols' own: ${formatUsd(oneAccount.protocolsMaintenanceMarginUsd)}`} />
          <Metric
            label="Netting benefit"
            value={formatUsd(oneAccount.nettingBenefitUsd)}
            hint={`same table per venue: ${formatUsd(oneAccount.separateRequirementUsd)} − one account's`}
            testId="netting-benefit"
          />
        </div>
        <div className="liquidation-facts">
          <div className="fact" data-testid="first-to-liquidate" data-venue-id={firstToLiquidate?.venueId ?? ''}>
            <div className="metric-label">First to liquidate (market-wide)</div>
            {firstToLiquidate ? (
              <>
                <div className="fact-value" title={firstToLiquidate.venueId}>
                  {labels.venue(firstToLiquidate.venueId)}
                </div>
                <div className="metric-hint">
                  at a market move of <strong>{formatChangePct(firstToLiquidate.changePct)}</strong>
                </div>
              </>
            ) : (
              <div className="fact-value muted">no move in range liquidates a venue</div>
            )}
          </div>
          <div className="fact" data-testid="nearest-liquidation" data-venue-id={nearest?.venueId ?? ''} data-ranking={nearest?.ranking ?? ''}>
            <div className="metric-label">Nearest liquidation (one factor)</div>
            {nearest ? (
              <>
                <div className="fact-value" title={nearest.venueId}>
                  {labels.venue(nearest.venueId)}
                </div>
                <div className="metric-hint">
                  {nearest.riskFactor} at {formatPriceUsd(nearest.priceUsd)} <strong>({formatChangePct(nearest.changePct)})</strong>
                </div>
                <div className="metric-hint" data-testid="nearest-liquidation-ranking">
                  {nearest.ranking === 'SIGMA' && nearest.sigmaDistance !== null ? (
                    <>
                      <strong>{formatSigmas(nearest.sigmaDistance)}</strong> in {liquidationDistance.horizonDays} d · ranked by σ
                    </>
                  ) : (
                    <>ranked by % move: no volatility for {nearest.riskFactor} in the risk profile</>
                  )}
                </div>
              </>
            ) : (
              <div className="fact-value muted">none in range</div>
            )}
          </div>
          <div className="fact" data-testid="market-wide">
            <div className="metric-label">Market-wide move to liquidation</div>
            {marketWide ? (
              <>
                <div className="fact-value">{formatChangePct(marketWide.changePct)}</div>
                <div className="metric-hint" title={marketWide.venueId}>
                  {labels.venue(marketWide.venueId)} first
                </div>
              </>
            ) : (
              <div className="fact-value muted">none in range</div>
            )}
          </div>
        </div>
      </div>
    </section>
  )
}
