import './monacoWorkers.js'
import 'graphiql/style.css'
import './explorer.css'
import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { GraphiQL } from 'graphiql'
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit'
import { Kind, parse, type DocumentNode } from 'graphql'
import { exampleTabs, PLACEHOLDER_OWNER, type ExampleContext, type ExampleEth } from './exampleQueries.js'

const endpoint = new URL('/graphql', window.location.origin)
const graphqlFetcher = createGraphiQLFetcher({
  url: endpoint.href,
  subscriptionUrl: `${endpoint.protocol === 'https:' ? 'wss:' : 'ws:'}//${endpoint.host}${endpoint.pathname}`,
})

/**
 * The document and operation to run, from the query text itself. On a first
 * visit GraphiQL 5 can hand the fetcher the parsed document and operation name
 * of the tab open before (run a tab right after switching to it: "Unknown
 * operation named …", or a subscription sent over HTTP); the fetcher picks
 * WebSocket or HTTP from them, so they are taken from the query text.
 */
function operationOf(query: string, asked: string | null | undefined): { documentAST?: DocumentNode; operationName: string | null | undefined } {
  try {
    const documentAST = parse(query)
    const operations = documentAST.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    return { documentAST, operationName: operations.length === 1 ? (operations[0]!.name?.value ?? null) : asked }
  } catch {
    return { operationName: asked } // not parseable: the server says why
  }
}

const fetcher: Fetcher = (params, options) => {
  const { documentAST, operationName } = operationOf(params.query, params.operationName)
  return graphqlFetcher({ ...params, operationName }, documentAST ? { ...options, documentAST } : options)
}

const owner = new URLSearchParams(window.location.search).get('owner')?.trim() || null

type Line = { side: string; amountFloat: number; asset: { symbol: string; riskFactor: string; ratioRiskFactor: string | null }; price: { priceUsd: number } }
type ContextAnswer = { venues: { id: string; positions: Line[] | null }[]; exposures: { riskFactor: string; netUsd: number }[]; stressGrid: { scanningRiskUsd: number } }

/**
 * What the examples fill in from the wallet, read once before the explorer
 * opens: a debt line for the what-if example (repay a tenth of it), and ETH's
 * price, the wallet's net ETH and its worst stress loss for the option-legs
 * example. Each is left out when the wallet has none or the read fails (the
 * examples then show placeholders).
 */
async function contextOf(wallet: string): Promise<ExampleContext> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'query ExplorerContext($owner: Address!) { portfolio(owner: $owner) { venues { id positions { side amountFloat asset { symbol riskFactor ratioRiskFactor } price { priceUsd } } } exposures { riskFactor netUsd } stressGrid { scanningRiskUsd } } }',
        variables: { owner: wallet },
      }),
    })
    const body = (await response.json()) as { data?: { portfolio?: ContextAnswer | null } }
    const portfolio = body.data?.portfolio
    if (!portfolio) return { owner: wallet }
    let repay: ExampleContext['repay']
    for (const venue of portfolio.venues) {
      const debt = venue.positions?.find((p) => p.side === 'DEBT' && p.amountFloat > 0)
      if (debt) {
        repay = { venueId: venue.id, asset: debt.asset.symbol, amount: String(Number((debt.amountFloat / 10).toPrecision(4))) }
        break
      }
    }
    // ETH itself (not an LST, whose price includes its ratio to ETH)
    const ethLine = portfolio.venues.flatMap((v) => v.positions ?? []).find((p) => p.asset.riskFactor === 'ETH' && p.asset.ratioRiskFactor === null)
    const netUsd = portfolio.exposures.find((e) => e.riskFactor === 'ETH')?.netUsd ?? 0
    const eth: ExampleEth | undefined = ethLine ? { priceUsd: ethLine.price.priceUsd, netUnits: netUsd / ethLine.price.priceUsd, worstLossUsd: portfolio.stressGrid.scanningRiskUsd } : undefined
    return { owner: wallet, repay, eth }
  } catch {
    return { owner: wallet } // the examples keep their placeholders
  }
}

/** The server's first example wallet (`/web-config.json`; on the devnet its demo wallet), null when it has none. */
async function exampleWallet(): Promise<string | null> {
  try {
    const config = (await (await fetch('/web-config.json')).json()) as { exampleWallets?: { address?: unknown }[] }
    const address = config.exampleWallets?.[0]?.address
    return typeof address === 'string' ? address : null
  } catch {
    return null
  }
}

/** Whether GraphiQL has tabs saved from an earlier visit (it restores them instead of `defaultTabs`). */
function hasSavedTabs(): boolean {
  try {
    return window.localStorage.getItem('graphiql:tabState') !== null
  } catch {
    return false
  }
}

/** GraphiQL over this server's `/graphql`, with the example operations as tabs. */
function Explorer() {
  const [context, setContext] = useState<ExampleContext | null>(null)
  useEffect(() => {
    // the examples run on ?owner=, else on the server's example wallet, else show a placeholder
    void (async () => {
      const wallet = owner ?? (await exampleWallet())
      setContext(wallet === null ? { owner: PLACEHOLDER_OWNER } : await contextOf(wallet))
    })()
  }, [])
  if (context === null) return <div className="explorer-loading">Loading the examples…</div>
  const tabs = exampleTabs(context)
  // GraphiQL 5 fills the first tab's editors from `initialQuery`/`initialVariables`, not from
  // `defaultTabs[0]`: pass them on a first visit (later visits restore the saved tabs)
  const first = hasSavedTabs() ? {} : { initialQuery: tabs[0]?.query, initialVariables: tabs[0]?.variables }
  return (
    <GraphiQL fetcher={fetcher} defaultTabs={tabs} {...first} defaultEditorToolsVisibility="variables" shouldPersistHeaders={false}>
      <GraphiQL.Logo>
        <a className="explorer-logo" href={`/${owner ? `?owner=${encodeURIComponent(owner)}` : ''}`} title="Back to the dashboard">
          xmargin <span>explorer</span>
        </a>
      </GraphiQL.Logo>
    </GraphiQL>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
)
