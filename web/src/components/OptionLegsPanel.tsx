import { useState, type FormEvent } from 'react'
import type { OptionRight, PortfolioOptionsView } from '../../../src/client/index.js'
import { formatExpiryDay, formatPercent, formatPriceUsd, formatQuantity, formatUnits, formatUsd } from '../format.js'
import { fridayExpiryAfter, legId, MAX_DASHBOARD_LEGS, toExpiry, type DashboardHedge, type DashboardLeg } from '../optionLegs.js'
import type { Remote } from '../useDashboard.js'
import { ErrorPanel, Loading } from './StatusViews.js'

type FactorGreeksView = NonNullable<PortfolioOptionsView['options']>['factors'][number]

/** Whether the legs move this factor's Greeks (else it carries the venues' delta only). */
function hasOptions(f: FactorGreeksView): boolean {
  return f.optionsDeltaUsd !== 0 || f.gammaUnitsPerUsd !== 0 || f.vegaUsdPerPoint !== 0 || f.thetaUsdPerDay !== 0
}

/** One factor's Greeks: the venues' and the legs' delta, net delta in USD and units, gamma, vega, theta. */
function GreeksRow({ f }: { readonly f: FactorGreeksView }) {
  return (
    <tr data-testid="greeks-row" data-factor={f.riskFactor} data-net-delta-usd={f.netDeltaUsd} data-gamma={f.gammaUnitsPerUsd} data-vega={f.vegaUsdPerPoint} data-theta={f.thetaUsdPerDay}>
      <td>
        <strong>{f.riskFactor}</strong>
        <div className="sub">{f.priceUsd === null ? 'no price' : formatPriceUsd(f.priceUsd)}</div>
      </td>
      <td className="num">{formatUsd(f.venuesDeltaUsd)}</td>
      <td className="num">{formatUsd(f.optionsDeltaUsd)}</td>
      <td className="num" data-testid="greeks-net-delta">
        <strong>{formatUsd(f.netDeltaUsd)}</strong>
        <div className="sub">{f.netDeltaUnits === null ? '—' : formatUnits(f.netDeltaUnits, f.riskFactor)}</div>
      </td>
      <td className="num" data-testid="greeks-gamma" title={`${f.gammaUnitsPerUsd.toPrecision(4)} ${f.riskFactor} per USD`}>
        {f.dollarGammaUsd === null ? '—' : formatUsd(f.dollarGammaUsd)}
      </td>
      <td className="num" data-testid="greeks-vega">
        {formatUsd(f.vegaUsdPerPoint)}
      </td>
      <td className="num" data-testid="greeks-theta">
        {formatUsd(f.thetaUsdPerDay)}
      </td>
    </tr>
  )
}

/** The Greeks per factor: the legs' factors first; the rest (the venues' delta only) folded away. */
function GreeksTable({ factors }: { readonly factors: readonly FactorGreeksView[] }) {
  const withLegs = factors.filter(hasOptions)
  const others = factors.filter((f) => !hasOptions(f))
  const head = (
    <thead>
      <tr>
        <th>Factor</th>
        <th className="num">Venues Δ</th>
        <th className="num">Options Δ</th>
        <th className="num">Net Δ</th>
        <th className="num" title="the USD change of delta per 1% move (gamma × price² / 100)">Gamma / 1%</th>
        <th className="num" title="USD per volatility point">Vega / pt</th>
        <th className="num" title="USD per calendar day">Theta / day</th>
      </tr>
    </thead>
  )
  return (
    <div className="table-scroll">
      <table className="compact" data-testid="greeks">
        {head}
        <tbody>
          {withLegs.map((f) => (
            <GreeksRow key={f.riskFactor} f={f} />
          ))}
        </tbody>
      </table>
      {others.length > 0 ? (
        <details className="greeks-others">
          <summary className="muted">
            {others.length} other factor{others.length === 1 ? '' : 's'}: the venues' delta only
          </summary>
          <table className="compact">
            {head}
            <tbody>
              {others.map((f) => (
                <GreeksRow key={f.riskFactor} f={f} />
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  )
}

/** The put sizing: how many to buy and what they cost, and the worst stress loss before and after. */
function HedgeResult({ hedge }: { readonly hedge: NonNullable<PortfolioOptionsView['hedge']> }) {
  const put = `${hedge.riskFactor} ${formatUsd(hedge.strike)} puts (${formatExpiryDay(hedge.expiry)}, IV ${formatPercent(hedge.impliedVolatility)})`
  return (
    <div className="fact hedge" data-testid="hedge-result" data-size-units={hedge.sizeUnits ?? ''} data-worst-after={hedge.worstLossAfterUsd} data-worst-before={hedge.worstLossBeforeUsd}>
      <div className="metric-label">Put to hold the worst stress loss to {formatUsd(hedge.maxLossUsd)}</div>
      {hedge.sizeUnits !== null ? (
        <div className="fact-value" data-testid="hedge-size">
          Buy {formatQuantity(hedge.sizeUnits)} {put} for {formatUsd(hedge.premiumUsd ?? 0)}
        </div>
      ) : (
        <div className="fact-value" data-testid="hedge-size">
          No size reaches it: {formatQuantity(hedge.bestSizeUnits ?? 0)} {put} get closest
        </div>
      )}
      <div className="metric-hint" data-testid="hedge-worst">
        worst stress loss <strong>{formatUsd(hedge.worstLossBeforeUsd)}</strong> → <strong>{formatUsd(hedge.worstLossAfterUsd)}</strong> ({hedge.worstScenarioAfter}) · {formatUsd(hedge.unitPremiumUsd)} a put
      </div>
      <div className="metric-hint">{hedge.note}</div>
    </div>
  )
}

/** The form's fields, as typed. */
type Draft = { riskFactor: string; right: OptionRight; strike: string; expiryDay: string; size: string; ivPct: string; maxLossUsd: string }

/** Reads the draft's put (strike, expiry, volatility); null with what is missing. */
function putOf(d: Draft): { ok: true; riskFactor: string; strike: number; expiry: string; impliedVolatility: number } | { ok: false; problem: string } {
  const strike = Number(d.strike)
  const iv = Number(d.ivPct) / 100
  const expiry = toExpiry(d.expiryDay)
  if (d.riskFactor === '') return { ok: false, problem: 'Pick a risk factor.' }
  if (d.strike.trim() === '' || !(strike > 0)) return { ok: false, problem: 'The strike is a positive USD price.' }
  if (expiry === null) return { ok: false, problem: 'The expiry is a date.' }
  if (d.ivPct.trim() === '' || !(iv > 0)) return { ok: false, problem: 'The implied volatility is a positive percent.' }
  return { ok: true, riskFactor: d.riskFactor, strike, expiry, impliedVolatility: iv }
}

/**
 * Option legs held elsewhere (or considered as a hedge) against the wallet:
 * add a leg (factor, put or call, strike, expiry, size, implied volatility),
 * or size a put to a worst-loss bound. Shows each leg's Black-76 value, the
 * Greeks per factor netted with the venues' delta, the one account's
 * risk-based requirement without and with the legs, the put sizing, and that
 * venue health is unchanged by legs held elsewhere.
 */
export function OptionLegsPanel({
  options,
  legs,
  hedge,
  factors,
  onLegs,
  onHedge,
}: {
  readonly options: Remote<PortfolioOptionsView>
  readonly legs: readonly DashboardLeg[]
  readonly hedge: DashboardHedge | null
  /** The factors to offer, most exposed first. */
  readonly factors: readonly string[]
  onLegs(legs: readonly DashboardLeg[]): void
  onHedge(hedge: DashboardHedge | null): void
}) {
  const [draft, setDraft] = useState<Draft>(() => ({
    riskFactor: legs[0]?.riskFactor ?? hedge?.riskFactor ?? factors[0] ?? '',
    right: 'PUT',
    strike: legs[0] ? String(legs[0].strike) : hedge ? String(hedge.strike) : '',
    // the first leg's expiry while it is ahead (a link can outlive it), else a Friday four weeks out
    expiryDay: formatExpiryDay([legs[0]?.expiry, hedge?.expiry].find((e) => e !== undefined && Date.parse(e) > Date.now()) ?? fridayExpiryAfter(Date.now(), 28)),
    size: '10',
    ivPct: String(Number(((legs[0]?.impliedVolatility ?? hedge?.impliedVolatility ?? 0.6) * 100).toFixed(2))),
    maxLossUsd: hedge ? String(hedge.maxLossUsd) : '',
  }))
  const [problem, setProblem] = useState<string | null>(null)
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }))
  const riskFactor = draft.riskFactor !== '' ? draft.riskFactor : (factors[0] ?? '')

  const addLeg = (e: FormEvent) => {
    e.preventDefault()
    const put = putOf({ ...draft, riskFactor })
    const size = Number(draft.size)
    if (!put.ok) return setProblem(put.problem)
    if (draft.size.trim() === '' || !Number.isFinite(size) || size === 0) return setProblem('The size is a nonzero number of units (negative: short).')
    if (legs.length >= MAX_DASHBOARD_LEGS) return setProblem(`At most ${MAX_DASHBOARD_LEGS} legs.`)
    setProblem(null)
    onLegs([...legs, { riskFactor: put.riskFactor, right: draft.right, strike: put.strike, expiry: put.expiry, size, impliedVolatility: put.impliedVolatility }])
  }
  const sizePut = () => {
    const put = putOf({ ...draft, riskFactor })
    const bound = Number(draft.maxLossUsd)
    if (!put.ok) return setProblem(put.problem)
    if (draft.maxLossUsd.trim() === '' || !(bound >= 0)) return setProblem('The worst-loss bound is a USD amount ≥ 0.')
    setProblem(null)
    onHedge({ riskFactor: put.riskFactor, strike: put.strike, expiry: put.expiry, impliedVolatility: put.impliedVolatility, maxLossUsd: bound })
  }

  const data = options.kind === 'ok' ? options.data : options.kind === 'loading' ? options.previous : null
  const view = data?.options ?? null
  const without = data?.portfolioMargin?.venues.netted ?? null
  const withLegs = data?.portfolioMargin?.withOptionLegs ?? null
  return (
    <section className="card legs" aria-labelledby="legs-title" data-testid="options-panel" data-state={options.kind}>
      <div className="card-head">
        <h2 id="legs-title">
          Option legs and Greeks <span className="count">{legs.length}</span>
        </h2>
        {options.kind === 'loading' ? <Loading section="options" label="Valuing…" /> : null}
      </div>
      <form className="leg-form" data-testid="leg-form" onSubmit={addLeg}>
        <label className="field">
          Factor
          <select data-testid="leg-factor" value={riskFactor} onChange={(e) => set({ riskFactor: e.target.value })}>
            {factors.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <select data-testid="leg-right" aria-label="Put or call" value={draft.right} onChange={(e) => set({ right: e.target.value as OptionRight })}>
            <option value="PUT">Put</option>
            <option value="CALL">Call</option>
          </select>
        </label>
        <label className="field">
          Strike $
          <input data-testid="leg-strike" inputMode="decimal" size={8} placeholder="e.g. 3000" value={draft.strike} onChange={(e) => set({ strike: e.target.value })} />
        </label>
        <label className="field">
          Expiry
          <input data-testid="leg-expiry" type="date" value={draft.expiryDay} onChange={(e) => set({ expiryDay: e.target.value })} title="08:00 UTC on that day" />
        </label>
        <label className="field">
          Size
          <input data-testid="leg-size" inputMode="decimal" size={5} value={draft.size} onChange={(e) => set({ size: e.target.value })} title="units of the underlying; negative for a short leg" />
        </label>
        <label className="field">
          IV %
          <input data-testid="leg-iv" inputMode="decimal" size={4} value={draft.ivPct} onChange={(e) => set({ ivPct: e.target.value })} />
        </label>
        <button type="submit" className="primary" data-testid="leg-add">
          Add leg
        </button>
        <span className="leg-form-sep" />
        <label className="field">
          Worst loss ≤ $
          <input data-testid="hedge-bound" inputMode="decimal" size={8} placeholder="e.g. 12000" value={draft.maxLossUsd} onChange={(e) => set({ maxLossUsd: e.target.value })} />
        </label>
        <button type="button" data-testid="hedge-size-put" onClick={sizePut} title="The smallest number of these puts that keeps the worst stress loss within the bound">
          Size a put
        </button>
        {hedge !== null ? (
          <button type="button" className="link" data-testid="hedge-clear" onClick={() => onHedge(null)}>
            clear sizing
          </button>
        ) : null}
      </form>
      {problem !== null ? (
        <p className="form-problem" role="alert" data-testid="leg-form-problem">
          {problem}
        </p>
      ) : null}

      {legs.length === 0 && hedge === null ? (
        <p className="muted">
          Add an option the wallet holds elsewhere, or one you consider as a hedge: it is priced by Black-76 and revalued in full in every stress scenario. Or size a put to a bound on the worst stress loss.
        </p>
      ) : null}

      {options.kind === 'error' ? <ErrorPanel error={options.error} title="The option legs could not be valued" section="options" /> : null}

      {legs.length > 0 ? (
        <div className="table-scroll">
          <table className="compact" data-testid="legs">
            <thead>
              <tr>
                <th>Leg</th>
                <th className="num">Size</th>
                <th className="num">IV</th>
                <th className="num">Value</th>
                <th className="num">Δ</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {legs.map((leg, i) => {
                const valued = view?.legs.find((l) => l.id === legId(i))
                return (
                  <tr key={i} data-testid="leg-row" data-leg-id={legId(i)} data-value={valued?.valueUsd ?? ''}>
                    <td className="nowrap">
                      {leg.riskFactor} {leg.right.toLowerCase()} {formatUsd(leg.strike)} <span className="muted">· {formatExpiryDay(leg.expiry)}</span>
                    </td>
                    <td className="num">{formatUnits(leg.size, leg.riskFactor)}</td>
                    <td className="num">{formatPercent(leg.impliedVolatility)}</td>
                    <td className="num" data-testid="leg-value">
                      {valued ? formatUsd(valued.valueUsd) : '—'}
                    </td>
                    <td className="num">{valued ? formatUnits(valued.deltaUnits, leg.riskFactor) : '—'}</td>
                    <td className="num">
                      <button type="button" className="link" data-testid="leg-remove" aria-label={`Remove ${legId(i)}`} onClick={() => onLegs(legs.filter((_, j) => j !== i))}>
                        remove
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : null}

      {view && options.kind !== 'error' ? (
        <>
          <h3 className="legs-sub">Greeks per factor, venues and legs netted</h3>
          <GreeksTable factors={view.factors} />
        </>
      ) : null}

      {without && withLegs && options.kind !== 'error' ? (
        <div className="fact legs-requirement" data-testid="legs-requirement" data-without={without.requirementUsd} data-with={withLegs.requirementUsd}>
          <div className="metric-label">Worst loss as one account (SPAN requirement)</div>
          <div className="fact-value">
            without the legs <span data-testid="legs-requirement-without">{formatUsd(without.requirementUsd)}</span> → with them <span data-testid="legs-requirement-with">{formatUsd(withLegs.requirementUsd)}</span>
          </div>
          <div className="metric-hint" data-testid="legs-requirement-set-by">
            set by {withLegs.setBy}
          </div>
        </div>
      ) : null}

      {data?.hedge && options.kind !== 'error' ? <HedgeResult hedge={data.hedge} /> : null}

      {view && options.kind !== 'error' ? (
        <p className="legs-note" data-testid="options-note">
          {view.note}
        </p>
      ) : null}
    </section>
  )
}
