import type { PortfolioView } from '../../../src/client/index.js'
import { formatAge, formatBlockNumber } from '../format.js'
import { StatusBadge } from './StatusViews.js'

/**
 * How reading each chain went: the block it was pinned to and its age, or,
 * for a chain that failed, the error code and message (its venues are then
 * unavailable, never zero).
 */
export function ChainReads({ chains, nowSeconds }: { readonly chains: PortfolioView['chains']; readonly nowSeconds: number }) {
  return (
    <section className="card" aria-labelledby="chains-title">
      <h2 id="chains-title">Chains</h2>
      <ul className="chain-list">
        {chains.map((c) => (
          <li key={c.chainId} className={`chain chain-${c.status === 'OK' ? 'ok' : 'failed'}`} data-testid="chain-status" data-chain-id={c.chainId} data-status={c.status}>
            <div className="chain-head">
              <span className="chain-name">{c.name}</span>
              <StatusBadge status={c.status} />
            </div>
            <div className="chain-meta">
              <span>id {c.chainId}</span>
              {c.block ? (
                <>
                  <span>block #{formatBlockNumber(c.block.blockNumber)}</span>
                  <span title={new Date(Number(c.block.timestamp) * 1000).toISOString()}>{formatAge(nowSeconds - Number(c.block.timestamp))} old</span>
                </>
              ) : null}
              {c.stale ? <span className="stale">stale head ({formatAge(c.headAgeSeconds ?? 0)})</span> : null}
            </div>
            {c.error ? (
              <div className="chain-error" data-testid="chain-error">
                <code>{c.error.code}</code> {c.error.message}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
