import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  createXmarginClient,
  XmarginClientError,
  type ChainView,
  type HealthCurve,
  type PortfolioMarginView,
  type PortfolioOptionsView,
  type PortfolioView,
  type StressGridView,
  type XmarginClient,
} from '../../src/client/index.js'
import { toHedgeInput, toOptionLegInputs, type DashboardHedge, type DashboardLeg } from './optionLegs.js'

/** One remote value: not asked yet, in flight (with the previous answer, if any), answered, or failed. */
export type Remote<T> =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly previous: T | null }
  | { readonly kind: 'ok'; readonly data: T; readonly receivedAt: number }
  | { readonly kind: 'error'; readonly error: XmarginClientError }

/** The health curve's moves: −60% … +60% in 41 steps of 3%. */
export const CURVE_MOVES: readonly number[] = Array.from({ length: 41 }, (_, i) => Math.round((-0.6 + i * 0.03) * 1e6) / 1e6)

/** Scan range choices for the stress grid: the server's sourced defaults, or one range for every held volatile factor. */
export const SCAN_RANGE_CHOICES = [
  { id: 'default', label: 'Sourced defaults', scanRange: null },
  { id: '10', label: '±10% per factor', scanRange: 0.1 },
  { id: '20', label: '±20% per factor', scanRange: 0.2 },
  { id: '35', label: '±35% per factor', scanRange: 0.35 },
] as const

export type ScanRangeChoice = (typeof SCAN_RANGE_CHOICES)[number]['id']

/** Everything the dashboard shows for one wallet, and the actions on it. */
export type DashboardState = {
  readonly owner: string | null
  readonly portfolio: Remote<PortfolioView>
  readonly stress: Remote<StressGridView>
  readonly curve: Remote<HealthCurve>
  /** The wallet as one portfolio-margined account (SPAN at the sourced scan ranges) and the capital it frees. */
  readonly margin: Remote<PortfolioMarginView>
  /** The option legs and the put to size against the wallet; idle while there are none. */
  readonly options: Remote<PortfolioOptionsView>
  /** The option legs the wallet holds elsewhere (or is considering), as sent. */
  readonly legs: readonly DashboardLeg[]
  /** The put to size against the worst stress loss; null when none is asked. */
  readonly hedge: DashboardHedge | null
  /** The configured chains (names and keys), asked once; empty until answered. */
  readonly chains: readonly ChainView[]
  /** The risk factor the health curve moves. */
  readonly riskFactor: string | null
  readonly scanRange: ScanRangeChoice
  /** Settled loads (a full load, or a new curve or grid alone): the tests wait for it to grow. */
  readonly generation: number
  /** True while any request is in flight. */
  readonly busy: boolean
  load(owner: string): void
  refresh(): void
  setRiskFactor(factor: string): void
  setScanRange(choice: ScanRangeChoice): void
  /** Replaces the option legs and re-reads only what they change (the options panel). */
  setLegs(legs: readonly DashboardLeg[]): void
  /** Sets (or clears) the put to size, and re-reads the options panel. */
  setHedge(hedge: DashboardHedge | null): void
}

/** Wraps anything thrown into an `XmarginClientError` (the client already does; this is for the unexpected). */
function toClientError(error: unknown): XmarginClientError {
  if (error instanceof XmarginClientError) return error
  return new XmarginClientError('INTERNAL_SERVER_ERROR', error instanceof Error ? error.message : String(error))
}

/** The factor the curve moves by default: the volatile one the wallet is most exposed to. */
export function defaultRiskFactor(portfolio: PortfolioView): string | null {
  const volatile = portfolio.exposures.filter((e) => e.kind === 'VOLATILE')
  const pool = volatile.length > 0 ? volatile : portfolio.exposures
  const top = [...pool].sort((a, b) => Math.abs(b.netUsd) - Math.abs(a.netUsd))[0]
  return top?.riskFactor ?? null
}

function previousOf<T>(remote: Remote<T>): T | null {
  if (remote.kind === 'ok') return remote.data
  if (remote.kind === 'loading') return remote.previous
  return null
}

/**
 * The dashboard's data: the wallet's portfolio, its stress grid (at the
 * chosen scan ranges), the health curve of one risk factor, its risk-based
 * requirement as one account, and the option legs against it, read through
 * the typed client at this page's own origin. A newer request supersedes an
 * older one: late answers are dropped. A failed margin or options read fails
 * its own panel only.
 */
export function useDashboard(initialOwner: string | null, initialLegs: readonly DashboardLeg[] = [], initialHedge: DashboardHedge | null = null): DashboardState {
  const client: XmarginClient = useMemo(() => createXmarginClient({ endpoint: new URL('/graphql', window.location.origin).href }), [])
  const [owner, setOwner] = useState<string | null>(initialOwner)
  const [portfolio, setPortfolio] = useState<Remote<PortfolioView>>({ kind: 'idle' })
  const [stress, setStress] = useState<Remote<StressGridView>>({ kind: 'idle' })
  const [curve, setCurve] = useState<Remote<HealthCurve>>({ kind: 'idle' })
  const [margin, setMargin] = useState<Remote<PortfolioMarginView>>({ kind: 'idle' })
  const [options, setOptions] = useState<Remote<PortfolioOptionsView>>({ kind: 'idle' })
  const [legs, setLegsState] = useState<readonly DashboardLeg[]>(initialLegs)
  const [hedge, setHedgeState] = useState<DashboardHedge | null>(initialHedge)
  const [chains, setChains] = useState<readonly ChainView[]>([])
  const [riskFactor, setRiskFactorState] = useState<string | null>(null)
  const [scanRange, setScanRangeState] = useState<ScanRangeChoice>('default')
  const [generation, setGeneration] = useState(0)
  // the latest request of each kind: answers to older ones are dropped
  const seq = useRef({ all: 0, stress: 0, curve: 0, margin: 0, options: 0 })
  // the latest settings, read by the loaders without re-creating them
  const settings = useRef({ riskFactor, scanRange, legs, hedge })
  settings.current = { riskFactor, scanRange, legs, hedge }

  const loadCurve = useCallback(
    async (wallet: string, factor: string | null): Promise<void> => {
      const id = ++seq.current.curve
      if (factor === null) {
        setCurve({ kind: 'idle' })
        return
      }
      setCurve((c) => ({ kind: 'loading', previous: previousOf(c) }))
      try {
        const data = await client.healthCurve({ owner: wallet, riskFactor: factor, moves: CURVE_MOVES })
        if (id === seq.current.curve) setCurve({ kind: 'ok', data, receivedAt: Date.now() })
      } catch (error) {
        if (id === seq.current.curve) setCurve({ kind: 'error', error: toClientError(error) })
      }
    },
    [client],
  )

  const loadStress = useCallback(
    async (wallet: string, choice: ScanRangeChoice, factors: readonly string[] | null): Promise<void> => {
      const id = ++seq.current.stress
      setStress((s) => ({ kind: 'loading', previous: previousOf(s) }))
      const range = SCAN_RANGE_CHOICES.find((c) => c.id === choice)?.scanRange ?? null
      try {
        const scanRanges = range === null || factors === null ? undefined : factors.map((riskFactor) => ({ riskFactor, scanRange: range }))
        const data = await client.stress({ owner: wallet, ...(scanRanges ? { scanRanges } : {}) })
        if (id === seq.current.stress) setStress({ kind: 'ok', data, receivedAt: Date.now() })
      } catch (error) {
        if (id === seq.current.stress) setStress({ kind: 'error', error: toClientError(error) })
      }
    },
    [client],
  )

  const loadMargin = useCallback(
    async (wallet: string): Promise<void> => {
      const id = ++seq.current.margin
      setMargin((m) => ({ kind: 'loading', previous: previousOf(m) }))
      try {
        const data = await client.portfolioMargin({ owner: wallet })
        if (id === seq.current.margin) setMargin({ kind: 'ok', data, receivedAt: Date.now() })
      } catch (error) {
        if (id === seq.current.margin) setMargin({ kind: 'error', error: toClientError(error) })
      }
    },
    [client],
  )

  /** Values `legs` and sizes `hedge` against `wallet`; idle when there are neither. */
  const loadOptions = useCallback(
    async (wallet: string, legsNow: readonly DashboardLeg[], hedgeNow: DashboardHedge | null): Promise<void> => {
      const id = ++seq.current.options
      if (legsNow.length === 0 && hedgeNow === null) {
        setOptions({ kind: 'idle' })
        return
      }
      setOptions((o) => ({ kind: 'loading', previous: previousOf(o) }))
      try {
        const data = await client.options({
          owner: wallet,
          ...(legsNow.length > 0 ? { optionLegs: toOptionLegInputs(legsNow) } : {}),
          ...(hedgeNow !== null ? { hedge: toHedgeInput(hedgeNow) } : {}),
        })
        if (id === seq.current.options) setOptions({ kind: 'ok', data, receivedAt: Date.now() })
      } catch (error) {
        if (id === seq.current.options) setOptions({ kind: 'error', error: toClientError(error) })
      }
    },
    [client],
  )

  /**
   * Reads everything for `wallet`: the portfolio first (it names the risk
   * factors), then the grid, the curve, the requirement as one account and
   * the option legs together. A refresh keeps the previous answer on screen
   * while it loads; another wallet does not.
   */
  const loadAll = useCallback(
    async (wallet: string, keepPrevious: boolean): Promise<void> => {
      const id = ++seq.current.all
      if (keepPrevious) setPortfolio((p) => ({ kind: 'loading', previous: previousOf(p) }))
      else {
        setPortfolio({ kind: 'loading', previous: null })
        setStress({ kind: 'idle' })
        setCurve({ kind: 'idle' })
        setMargin({ kind: 'idle' })
        setOptions({ kind: 'idle' })
      }
      let answer: PortfolioView
      try {
        answer = await client.portfolio({ owner: wallet })
      } catch (error) {
        if (id !== seq.current.all) return
        setPortfolio({ kind: 'error', error: toClientError(error) })
        setStress({ kind: 'idle' })
        setCurve({ kind: 'idle' })
        setMargin({ kind: 'idle' })
        setOptions({ kind: 'idle' })
        setGeneration((g) => g + 1)
        return
      }
      if (id !== seq.current.all) return
      setPortfolio({ kind: 'ok', data: answer, receivedAt: Date.now() })
      const factors = answer.exposures.map((e) => e.riskFactor)
      const chosen = settings.current.riskFactor
      const factor = chosen !== null && factors.includes(chosen) ? chosen : defaultRiskFactor(answer)
      setRiskFactorState(factor)
      const volatile = answer.exposures.filter((e) => e.kind === 'VOLATILE').map((e) => e.riskFactor)
      const { legs: legsNow, hedge: hedgeNow } = settings.current
      await Promise.all([loadStress(wallet, settings.current.scanRange, volatile), loadCurve(wallet, factor), loadMargin(wallet), loadOptions(wallet, legsNow, hedgeNow)])
      if (id === seq.current.all) setGeneration((g) => g + 1)
    },
    [client, loadCurve, loadStress, loadMargin, loadOptions],
  )

  useEffect(() => {
    client
      .chains()
      .then(setChains)
      .catch(() => setChains([])) // names only: venues fall back to chain ids
  }, [client])

  useEffect(() => {
    // the first load only; later ones are explicit (load, refresh)
    if (initialOwner !== null) void loadAll(initialOwner, false)
  }, [initialOwner, loadAll])

  const data = portfolio.kind === 'ok' ? portfolio.data : null
  const settled = () => setGeneration((g) => g + 1)
  const busy = [portfolio, stress, curve, margin, options].some((r) => r.kind === 'loading')

  return {
    owner,
    portfolio,
    stress,
    curve,
    margin,
    options,
    legs,
    hedge,
    chains,
    riskFactor,
    scanRange,
    generation,
    busy,
    load: (wallet) => {
      setOwner(wallet)
      void loadAll(wallet, wallet === owner)
    },
    refresh: () => {
      if (owner !== null) void loadAll(owner, true)
    },
    setRiskFactor: (factor) => {
      setRiskFactorState(factor)
      if (owner !== null) void loadCurve(owner, factor).then(settled)
    },
    setScanRange: (choice) => {
      setScanRangeState(choice)
      if (owner !== null && data !== null) {
        void loadStress(
          owner,
          choice,
          data.exposures.filter((e) => e.kind === 'VOLATILE').map((e) => e.riskFactor),
        ).then(settled)
      }
    },
    setLegs: (next) => {
      setLegsState(next)
      settings.current = { ...settings.current, legs: next }
      if (owner !== null && data !== null) void loadOptions(owner, next, settings.current.hedge).then(settled)
    },
    setHedge: (next) => {
      setHedgeState(next)
      settings.current = { ...settings.current, hedge: next }
      if (owner !== null && data !== null) void loadOptions(owner, settings.current.legs, next).then(settled)
    },
  }
}
