import type { PortfolioMarginView } from '../../../src/client/index.js'
import { formatPercent, formatRatio, formatScanRange, formatUsd } from '../format.js'
import type { Remote } from '../useDashboard.js'
import type { Labels } from '../venueLabels.js'
import { ErrorPanel, Loading } from './StatusViews.js'
import { Metric } from './UnifiedHealth.js'

/** A capital-freed figure: negative (the risk-based rule asks more) in the warning colour. */
function freedClass(usd: number): string | undefined {
  return usd < 0 ? 'warn' : undefined
}

/**
 * The scan ranges in use per factor, with the ranges published schemes scan
 * the same factor with (`ETH ±6.6% · published: Derive 20%, PowerTrade 15%`).
 */
function ScanRanges({ margin }: { readonly margin: PortfolioMarginView }) {
  const published = new Map(margin.scanRangeComparison.map((c) => [c.riskFactor, c.published]))
  const first = margin.parameters[0]
  return (
    <div className="pm-ranges" data-testid="pm-scan-ranges">
      <span className="muted">Price scan ranges (sourced venue-margin proxies):</span>
      {margin.parameters.map((p) => {
        // one entry per scheme and range (a scheme can publish the same range on two pages)
        const others = [...new Set((published.get(p.riskFactor) ?? []).map((o) => `${o.scheme.replace(/ portfolio margin.*$/, '')} ${formatPercent(o.priceScanRange)}`))]
        return (
          <span key={p.riskFactor} className="chip" title={p.sources.join('\n')} data-testid="pm-scan-range" data-factor={p.riskFactor} data-value={p.priceScanRange}>
            {p.riskFactor} {formatScanRange(p.priceScanRange)}
            {others.length > 0 ? <span className="muted"> · published {others.join(', ')}</span> : null}
          </span>
        )
      })}
      {margin.unscannedFactors.length > 0 ? (
        <span className="pm-unscanned" data-testid="pm-unscanned" title="no price scan range, so no scenario moves them: a request's scanRanges can add them">
          not scanned: {margin.unscannedFactors.join(', ')}
        </span>
      ) : null}
      {first ? (
        <span className="muted">
          volatility +{formatPercent(first.volatilityScanRangeUp)} / −{formatPercent(first.volatilityScanRangeDown)} relative; extreme moves {margin.extremeMove.multiple}× at {formatPercent(margin.extremeMove.coverFraction)}; no
          inter-commodity credits
        </span>
      ) : null}
    </div>
  )
}

/**
 * The wallet as one portfolio-margined account, by CME SPAN's scanning risk
 * (venues marked to market): the risk-based requirement and the scenario that
 * sets it, the margin ratio, and the capital one account would free against
 * the protocols' own requirements and against the haircut table, in total and
 * per venue (each venue on its own against its protocol and the table).
 */
export function PortfolioMarginCard({ margin, labels }: { readonly margin: Remote<PortfolioMarginView>; readonly labels: Labels }) {
  const data = margin.kind === 'ok' ? margin.data : margin.kind === 'loading' ? margin.previous : null
  const v = data?.venues
  return (
    <section className="card pm" aria-labelledby="pm-title" data-testid="portfolio-margin" data-state={margin.kind}>
      <div className="card-head">
        <h2 id="pm-title">Risk-based requirement as one account (SPAN)</h2>
        {margin.kind === 'loading' ? <Loading section="portfolio-margin" label={data ? 'Refreshing…' : 'Scanning…'} /> : null}
      </div>
      {margin.kind === 'error' ? <ErrorPanel error={margin.error} title="The risk-based requirement could not be computed" section="portfolio-margin" /> : null}
      {v && data && margin.kind !== 'error' ? (
        <>
          <div className="metrics">
            <Metric label="Requirement" value={formatUsd(v.netted.requirementUsd)} hint="worst loss over SPAN's scenarios, all venues netted" testId="pm-requirement" rawValue={v.netted.requirementUsd} />
            <Metric label="Margin ratio" value={formatRatio(v.netted.marginRatio)} hint={`equity ${formatUsd(v.netted.equityUsd)} / requirement`} testId="pm-margin-ratio" rawValue={v.netted.marginRatio} />
            <Metric
              label="Netting benefit"
              value={formatUsd(v.nettingBenefitUsd)}
              hint={`venues alone: ${formatUsd(v.separateRequirementUsd)} − one account's`}
              testId="pm-netting-benefit"
              rawValue={v.nettingBenefitUsd}
            />
            <Metric
              label="Freed vs protocols"
              value={formatUsd(v.capitalFreedVsProtocolUsd)}
              hint={`protocols' own: ${formatUsd(v.protocolMaintenanceMarginUsd)}`}
              testId="pm-freed-protocol"
              rawValue={v.capitalFreedVsProtocolUsd}
              className={freedClass(v.capitalFreedVsProtocolUsd)}
            />
            <Metric
              label="Freed vs haircut table"
              value={formatUsd(v.capitalFreedVsTableUsd)}
              hint={`table, as one account: ${formatUsd(v.nettedTableRequirementUsd)}`}
              testId="pm-freed-table"
              rawValue={v.capitalFreedVsTableUsd}
              className={freedClass(v.capitalFreedVsTableUsd)}
            />
            <Metric
              label="All factors together"
              value={formatUsd(v.netted.allFactors.worstLossUsd)}
              hint={`correlated scan beside SPAN's per-factor sum ${formatUsd(v.netted.spanRequirementUsd)}`}
              testId="pm-all-factors"
              rawValue={v.netted.allFactors.worstLossUsd}
            />
          </div>
          <div className="fact pm-set-by" data-testid="pm-set-by">
            <div className="metric-label">Set by</div>
            <div className="pm-set-by-text">{v.netted.setBy}</div>
            {v.netted.setByScenario ? (
              <div className="metric-hint">
                scenario {v.netted.setByScenario.number}: {v.netted.setByScenario.label}, loss {formatUsd(v.netted.setByScenario.weightedLossUsd)}
              </div>
            ) : null}
          </div>
          <ScanRanges margin={data} />
          <details className="pm-venues" open>
            <summary>
              Per venue <span className="count">{v.perVenue.length}</span> <span className="muted">each venue on its own against its protocol and the table</span>
            </summary>
            <div className="table-scroll">
              <table className="compact" data-testid="pm-venues">
                <thead>
                  <tr>
                    <th>Venue</th>
                    <th className="num">Risk-based</th>
                    <th className="num">Protocol</th>
                    <th className="num">Freed vs protocol</th>
                    <th className="num">Table</th>
                    <th className="num">Freed vs table</th>
                  </tr>
                </thead>
                <tbody>
                  {v.perVenue.map((x) => (
                    <tr key={x.venueId} data-testid="pm-venue-row" data-venue-id={x.venueId}>
                      <td className="nowrap" title={x.venueId}>
                        {labels.venue(x.venueId)}
                      </td>
                      <td className="num" data-testid="pm-venue-requirement">
                        {formatUsd(x.requirementUsd)}
                      </td>
                      <td className="num">{formatUsd(x.protocolMaintenanceMarginUsd)}</td>
                      <td className={`num ${x.capitalFreedVsProtocolUsd < 0 ? 'negative' : ''}`} data-testid="pm-venue-freed-protocol">
                        {formatUsd(x.capitalFreedVsProtocolUsd)}
                      </td>
                      <td className="num">{formatUsd(x.tableRequirementUsd)}</td>
                      <td className="num">{formatUsd(x.capitalFreedVsTableUsd)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <td>Venues alone (Σ)</td>
                    <td className="num">{formatUsd(v.separateRequirementUsd)}</td>
                    <td className="num">{formatUsd(v.protocolMaintenanceMarginUsd)}</td>
                    <td />
                    <td className="num">{formatUsd(v.separateTableRequirementUsd)}</td>
                    <td />
                  </tr>
                  <tr>
                    <td>As one account</td>
                    <td className="num">{formatUsd(v.netted.requirementUsd)}</td>
                    <td className="num">{formatUsd(v.protocolMaintenanceMarginUsd)}</td>
                    <td className="num">{formatUsd(v.capitalFreedVsProtocolUsd)}</td>
                    <td className="num">{formatUsd(v.nettedTableRequirementUsd)}</td>
                    <td className="num">{formatUsd(v.capitalFreedVsTableUsd)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </details>
        </>
      ) : null}
    </section>
  )
}
