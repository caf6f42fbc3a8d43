import type { PortfolioView, VenueView } from '../../../src/client/index.js'
import { formatAge, formatBlockNumber, formatChangePct, formatHealthFactor, formatPriceUsd, formatSigmas, formatUsd, shortenHex } from '../format.js'
import type { Labels } from '../venueLabels.js'
import { StatusBadge } from './StatusViews.js'

/** A venue's own nearest liquidation as the API ranks it (`liquidationDistance.perVenue`): by σ-distance, else by percent. */
type VenueNearest = PortfolioView['liquidationDistance']['perVenue'][number]

/** CSS class of a health factor: liquidatable, close (< 1.1), watch (< 1.5) or safe. */
export function healthClass(healthFactor: number | null): string {
  if (healthFactor === null) return 'hf-safe'
  if (healthFactor < 1) return 'hf-liquidatable'
  if (healthFactor < 1.1) return 'hf-danger'
  if (healthFactor < 1.5) return 'hf-watch'
  return 'hf-safe'
}

/** Where the venue's numbers come from and how old they are. */
function DataAge({ v, nowSeconds }: { readonly v: VenueView; readonly nowSeconds: number }) {
  if (v.block) {
    const t = Number(v.block.timestamp)
    return <span title={`block time ${new Date(t * 1000).toISOString()}`}>{formatAge(nowSeconds - t)}</span>
  }
  if (v.source?.recordedAt) {
    const t = Number(v.source.recordedAt)
    return (
      <span title={`${v.source.endpoint ?? 'API'} recording made ${new Date(t * 1000).toISOString()}`}>
        {formatAge(nowSeconds - t)} <span className="muted">({v.source.kind.toLowerCase()})</span>
      </span>
    )
  }
  return <span className="muted">{v.source ? v.source.kind.toLowerCase() : '—'}</span>
}

/**
 * Every venue of the wallet across chains and protocols: status, health
 * factor, collateral, debt, nearest liquidation (the API's per-venue nearest,
 * ranked by σ-distance: its factor, price, percent move and σ, or that it was
 * ranked by percent), and the block and age of the data. An unavailable venue
 * shows its error, never zeros.
 */
export function VenueTable({
  venues,
  nearestByVenue,
  labels,
  nowSeconds,
}: {
  readonly venues: PortfolioView['venues']
  readonly nearestByVenue: readonly VenueNearest[]
  readonly labels: Labels
  readonly nowSeconds: number
}) {
  return (
    <section className="card" aria-labelledby="venues-title">
      <h2 id="venues-title">
        Venues <span className="count">{venues.length}</span>
      </h2>
      <div className="table-scroll">
        <table className="venues" data-testid="venues">
          <thead>
            <tr>
              <th>Venue</th>
              <th>Protocol</th>
              <th>Chain</th>
              <th>Status</th>
              <th className="num">Health factor</th>
              <th className="num">Collateral</th>
              <th className="num">Debt</th>
              <th className="num">Nearest liquidation</th>
              <th className="num">Block</th>
              <th className="num">Data age</th>
            </tr>
          </thead>
          <tbody>
            {venues.map((v) => {
              const unavailable = v.status === 'UNAVAILABLE'
              const nearest = nearestByVenue.find((n) => n.venueId === v.id) ?? null
              return (
                <tr key={v.id} className={unavailable ? 'row-failed' : undefined} data-testid="venue-row" data-venue-id={v.id} data-status={v.status} data-chain-id={v.chainId}>
                  <td>
                    <div className="venue-name">{labels.venue(v.id)}</div>
                    <div className="venue-id" title={v.id}>
                      {shortenHex(v.id)}
                    </div>
                  </td>
                  <td className="nowrap">
                    <div>{v.protocolName}</div>
                    <div className="sub">{v.protocolVersion}</div>
                  </td>
                  <td className="chain-cell" title={v.chainId === null ? 'read over its own API' : `chain id ${v.chainId}`}>
                    {v.chainId === null ? `${v.protocolName} API` : labels.chainName(v.chainId)}
                  </td>
                  <td>
                    <StatusBadge status={v.status} testId="venue-status" />
                    {v.liquidationBlocked ? <div className="note">liquidation held by sentinel</div> : null}
                    {v.stalePrices && v.stalePrices.length > 0 ? <div className="note stale">stale price: {v.stalePrices.join(', ')}</div> : null}
                  </td>
                  <td className={`num hf ${unavailable ? '' : healthClass(v.healthFactor)}`} data-testid="venue-hf" data-hf={v.healthFactor === null ? '' : String(v.healthFactor)}>
                    {unavailable ? '—' : formatHealthFactor(v.healthFactor)}
                  </td>
                  {unavailable ? (
                    <td colSpan={3} className="unavailable" data-testid="venue-error">
                      <code>{v.error?.code ?? 'UNAVAILABLE'}</code> {v.error?.message ?? 'The venue could not be read.'}
                    </td>
                  ) : (
                    <>
                      <td className="num">{v.margin ? formatUsd(v.margin.collateralUsd) : '—'}</td>
                      <td className="num">{v.margin ? formatUsd(v.margin.debtUsd) : '—'}</td>
                      <td className="num">
                        {nearest ? (
                          <>
                            <div>
                              {nearest.riskFactor} {formatPriceUsd(nearest.priceUsd)}
                            </div>
                            <div className="sub" data-testid="venue-nearest-ranking" data-ranking={nearest.ranking}>
                              {formatChangePct(nearest.changePct, 1)} from now
                              {nearest.ranking === 'SIGMA' && nearest.sigmaDistance !== null ? ` · ${formatSigmas(nearest.sigmaDistance)}` : ' · by %, no vol'}
                            </div>
                          </>
                        ) : (
                          <span className="muted">none</span>
                        )}
                      </td>
                    </>
                  )}
                  <td className="num">{v.block ? `#${formatBlockNumber(v.block.blockNumber)}` : <span className="muted">—</span>}</td>
                  <td className="num">{unavailable ? <span className="muted">—</span> : <DataAge v={v} nowSeconds={nowSeconds} />}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
