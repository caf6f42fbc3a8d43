import { Fragment } from 'react'
import type { StressGridView } from '../../../src/client/index.js'
import { formatHealthFactor, formatMove, formatUsd } from '../format.js'
import type { Labels } from '../venueLabels.js'

/** A token amount, to 4 significant digits under 1 and grouped above. */
function formatAmount(amount: number): string {
  return amount >= 1 ? amount.toLocaleString('en-US', { maximumFractionDigits: 4 }) : amount.toPrecision(4)
}

/**
 * The worst stress scenario's liquidation cascade: for each liquidated
 * venue, the liquidation calls its protocol would run (debt repaid,
 * collateral seized, the borrower's cost) and the total cost.
 */
export function CascadeTable({ worst, labels }: { readonly worst: StressGridView['worst']; readonly labels: Labels }) {
  if (!worst) {
    return (
      <div className="cascade" data-testid="cascade" data-venues="0">
        <p className="muted">No scenario to rank.</p>
      </div>
    )
  }
  return (
    <div className="cascade" data-testid="cascade" data-venues={worst.cascade.length} data-scenario-id={worst.scenario.id}>
      <h3>Worst scenario</h3>
      <div className="worst-head">
        <div className="worst-label">{worst.scenario.label}</div>
        <div className="muted">{worst.scenario.moves.map((m) => `${m.riskFactor} ${formatMove(m.move)}`).join(' · ')}</div>
        <div className="worst-figures">
          <span>
            Loss <strong>{formatUsd(worst.lossUsd)}</strong>
          </span>
          <span>
            Liquidated <strong>{worst.liquidatedVenueIds.length}</strong>
          </span>
          <span>
            Liquidation cost <strong data-testid="cascade-total">{formatUsd(worst.liquidationCostUsd)}</strong>
          </span>
        </div>
      </div>
      {worst.cascade.length === 0 ? (
        <p className="cascade-empty">No venue is liquidated in the worst scenario: nothing cascades. Widen the scan range to see where liquidations start.</p>
      ) : (
        <div className="table-scroll">
          <table className="cascade-table">
            <thead>
              <tr>
                <th>Venue / step</th>
                <th className="num">Debt repaid</th>
                <th className="num">Collateral seized</th>
                <th className="num">Cost</th>
                <th className="num">HF after</th>
              </tr>
            </thead>
            <tbody>
              {worst.cascade.map((liquidation) => (
                <Fragment key={liquidation.venueId}>
                  <tr className="cascade-venue" data-testid="cascade-venue" data-venue-id={liquidation.venueId}>
                    <td colSpan={3}>
                      <strong>{labels.venue(liquidation.venueId)}</strong> <span className="muted">{liquidation.steps.length} call{liquidation.steps.length === 1 ? '' : 's'}{liquidation.exact ? ', exact' : ', approximate'}</span>
                      {liquidation.note ? <div className="note">{liquidation.note}</div> : null}
                    </td>
                    <td className="num">
                      <strong>{formatUsd(liquidation.costUsd)}</strong>
                    </td>
                    <td />
                  </tr>
                  {liquidation.steps.map((s, i) => (
                    <tr key={i} className="cascade-step">
                      <td className="step-index" title={`liquidation call ${i + 1}; close factor ${s.closeFactor}: share of the debt one call may repay`}>
                        call {i + 1} <span className="muted">· CF {s.closeFactor}</span>
                      </td>
                      <td className="num">
                        {formatAmount(s.debtRepaid)} {s.debtAsset}
                        <div className="muted">{formatUsd(s.debtRepaidUsd)}</div>
                      </td>
                      <td className="num">
                        {formatAmount(s.collateralSeized)} {s.collateralAsset}
                        <div className="muted">{formatUsd(s.collateralSeizedUsd)}</div>
                      </td>
                      <td className="num">{formatUsd(s.costUsd)}</td>
                      <td className="num">{s.healthFactorAfter === null ? <span className="muted">—</span> : formatHealthFactor(s.healthFactorAfter)}</td>
                    </tr>
                  ))}
                </Fragment>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={3}>Total liquidation cost</td>
                <td className="num">
                  <strong>{formatUsd(worst.liquidationCostUsd)}</strong>
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </div>
  )
}
