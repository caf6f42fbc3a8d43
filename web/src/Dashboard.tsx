import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { ChainReads } from './components/ChainReads.js'
import { HealthCurveChart } from './components/HealthCurveChart.js'
import { OptionLegsPanel } from './components/OptionLegsPanel.js'
import { PortfolioMarginCard } from './components/PortfolioMarginCard.js'
import { ErrorPanel, Loading } from './components/StatusViews.js'
import { StressHeatmap } from './components/StressHeatmap.js'
import { UnifiedHealth } from './components/UnifiedHealth.js'
import { VenueTable } from './components/VenueTable.js'
import { shortenHex } from './format.js'
import { writeOptionState, type DashboardHedge, type DashboardLeg } from './optionLegs.js'
import { useDashboard } from './useDashboard.js'
import { labelsOf } from './venueLabels.js'

const RECENT_KEY = 'xmargin.recentWallets'

function readRecent(): string[] {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(RECENT_KEY) ?? '[]')
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string').slice(0, 8) : []
  } catch {
    return []
  }
}

function rememberWallet(owner: string): string[] {
  const next = [owner, ...readRecent().filter((x) => x.toLowerCase() !== owner.toLowerCase())].slice(0, 8)
  try {
    window.localStorage.setItem(RECENT_KEY, JSON.stringify(next))
  } catch {
    // private mode: the list just is not kept
  }
  return next
}

/** A wallet the server suggests (`/web-config.json`: on the devnet, the demo wallet and the replayed recordings). */
type ExampleWallet = { readonly label: string; readonly address: string }

/** The server's example wallets; none when it has none or does not answer (the page works without them). */
function useExampleWallets(): readonly ExampleWallet[] {
  const [wallets, setWallets] = useState<readonly ExampleWallet[]>([])
  useEffect(() => {
    const controller = new AbortController()
    fetch('/web-config.json', { signal: controller.signal })
      .then((r) => (r.ok ? (r.json() as Promise<{ exampleWallets?: ExampleWallet[] }>) : { exampleWallets: [] }))
      .then((c) => setWallets(Array.isArray(c.exampleWallets) ? c.exampleWallets : []))
      .catch(() => undefined)
    return () => controller.abort()
  }, [])
  return wallets
}

/** Wall-clock seconds, ticking once a second (the data-age columns count up). */
function useNowSeconds(): number {
  const [now, setNow] = useState(() => Date.now() / 1000)
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now() / 1000), 1_000)
    return () => window.clearInterval(timer)
  }, [])
  return now
}

/** Puts the option legs and the put to size into the page URL, so a reload or a shared link shows them again. */
function rememberOptions(legs: readonly DashboardLeg[], hedge: DashboardHedge | null): void {
  const url = new URL(window.location.href)
  writeOptionState(url.searchParams, legs, hedge)
  window.history.replaceState(null, '', url)
}

/**
 * The dashboard: pick a wallet (prefilled from `?owner=`), then its venues
 * across chains and protocols, the per-chain reads, the unified cross-margin
 * health, its risk-based requirement as one account (SPAN) and the capital
 * that frees, option legs with their Greeks (from `?leg=` or added on the
 * page), the health curve of one risk factor, and the stress grid with the
 * worst scenario's liquidation cascade.
 */
export function Dashboard({
  initialOwner,
  initialLegs = [],
  initialHedge = null,
}: {
  readonly initialOwner: string | null
  readonly initialLegs?: readonly DashboardLeg[]
  readonly initialHedge?: DashboardHedge | null
}) {
  const state = useDashboard(initialOwner, initialLegs, initialHedge)
  const [input, setInput] = useState(initialOwner ?? '')
  const [recent, setRecent] = useState<string[]>(readRecent)
  const examples = useExampleWallets()
  const nowSeconds = useNowSeconds()
  const { portfolio } = state
  const data = portfolio.kind === 'ok' ? portfolio.data : portfolio.kind === 'loading' ? portfolio.previous : null
  const receivedAt = portfolio.kind === 'ok' ? portfolio.receivedAt : null
  const labels = useMemo(() => labelsOf(data?.venues ?? [], state.chains, new Map((data?.chains ?? []).map((c) => [c.chainId, c.name]))), [data, state.chains])
  const venueOrder = useMemo(() => (data?.venues ?? []).map((v) => v.id), [data])
  // the factors a leg can be written on: the volatile ones, most exposed first
  const optionFactors = useMemo(
    () =>
      [...(data?.exposures ?? [])]
        .filter((e) => e.kind === 'VOLATILE')
        .sort((a, b) => Math.abs(b.netUsd) - Math.abs(a.netUsd))
        .map((e) => e.riskFactor),
    [data],
  )

  useEffect(() => {
    if (portfolio.kind === 'ok') setRecent(rememberWallet(portfolio.data.owner))
  }, [portfolio])

  const show = (owner: string) => {
    const url = new URL(window.location.href)
    url.searchParams.set('owner', owner)
    window.history.replaceState(null, '', url)
    state.load(owner)
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const owner = input.trim()
    if (owner !== '') show(owner)
  }
  const pick = (owner: string) => {
    setInput(owner)
    show(owner)
  }

  const pageState = state.busy ? 'loading' : portfolio.kind === 'error' ? 'error' : portfolio.kind === 'ok' ? 'ready' : 'idle'

  return (
    <div className="page" data-testid="dashboard" data-state={pageState} data-generation={state.generation}>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ✕
          </span>
          <div>
            <div className="brand-name">xmargin</div>
            <div className="brand-sub">cross-chain margin health</div>
          </div>
        </div>
        <form className="wallet-form" onSubmit={submit}>
          <input
            data-testid="owner-input"
            aria-label="Wallet address"
            placeholder="Wallet address 0x…"
            spellCheck={false}
            autoComplete="off"
            list="recent-wallets"
            value={input}
            onChange={(e) => setInput(e.target.value)}
          />
          <datalist id="recent-wallets">
            {recent.map((w) => (
              <option key={w} value={w} />
            ))}
            {examples
              .filter((w) => !recent.some((r) => r.toLowerCase() === w.address.toLowerCase()))
              .map((w) => (
                <option key={w.address} value={w.address}>
                  {w.label}
                </option>
              ))}
          </datalist>
          <button type="submit" className="primary" data-testid="load">
            Show wallet
          </button>
          <button type="button" data-testid="refresh" onClick={state.refresh} disabled={state.owner === null || state.busy}>
            {state.busy ? 'Refreshing…' : 'Refresh'}
          </button>
        </form>
        <nav className="links">
          <a href={`/explorer${state.owner ? `?owner=${encodeURIComponent(state.owner)}` : ''}`}>GraphQL explorer →</a>
        </nav>
      </header>

      <main className="content">
        {state.owner === null ? (
          <section className="card empty" data-testid="empty">
            <h2>Which wallet?</h2>
            <p>Enter a wallet address above to see its margin accounts on every configured chain and protocol, their health, and how far prices can move before one is liquidated.</p>
            {examples.length > 0 ? (
              <div className="examples">
                <span className="muted">Or pick one:</span>
                {examples.map((w) => (
                  <button key={w.address} type="button" data-testid="example-wallet" data-address={w.address} onClick={() => pick(w.address)} title={w.address}>
                    {w.label} <code>{shortenHex(w.address)}</code>
                  </button>
                ))}
              </div>
            ) : null}
            <p className="muted">
              Tip: open this page as <code>/?owner=0x…</code> to land on a wallet directly.
            </p>
          </section>
        ) : null}

        {state.owner !== null ? (
          <div className="status-line">
            <span>
              Wallet <code title={state.owner}>{shortenHex(state.owner)}</code>
            </span>
            {receivedAt !== null ? <span data-testid="updated-at">updated {new Date(receivedAt).toLocaleTimeString()}</span> : null}
            {portfolio.kind === 'loading' ? <Loading section="portfolio" label={data ? 'Refreshing…' : 'Loading the wallet…'} /> : null}
          </div>
        ) : null}

        {portfolio.kind === 'error' ? <ErrorPanel error={portfolio.error} title="The wallet could not be read" section="portfolio" /> : null}

        {data && portfolio.kind !== 'error' ? (
          <>
            {data.chains.some((c) => c.status !== 'OK') ? (
              <div className="partial-warning" role="alert" data-testid="partial-warning">
                <strong>Partial answer.</strong> {data.chains.filter((c) => c.status !== 'OK').map((c) => c.name).join(', ')} could not be read: its venues are shown as unavailable, and the totals, the unified health
                and the stress grid leave them out.
              </div>
            ) : null}
            <div className="row top-row">
              <UnifiedHealth portfolio={data} labels={labels} />
              <ChainReads chains={data.chains} nowSeconds={nowSeconds} />
            </div>
            <div className="row margin-row">
              <PortfolioMarginCard margin={state.margin} labels={labels} />
              <OptionLegsPanel
                options={state.options}
                legs={state.legs}
                hedge={state.hedge}
                factors={optionFactors}
                onLegs={(legs) => {
                  rememberOptions(legs, state.hedge)
                  state.setLegs(legs)
                }}
                onHedge={(hedge) => {
                  rememberOptions(state.legs, hedge)
                  state.setHedge(hedge)
                }}
              />
            </div>
            <VenueTable venues={data.venues} nearestByVenue={data.liquidationDistance.perVenue} labels={labels} nowSeconds={nowSeconds} />
            <HealthCurveChart curve={state.curve} portfolio={data} riskFactor={state.riskFactor} onRiskFactor={state.setRiskFactor} labels={labels} />
            <StressHeatmap stress={state.stress} venueOrder={venueOrder} labels={labels} scanRange={state.scanRange} onScanRange={state.setScanRange} />
          </>
        ) : null}
      </main>
      <footer className="footer">
        Health factors are each protocol’s own, read at one pinned block per chain. The unified view nets every venue as one cross-margin account.
      </footer>
    </div>
  )
}
