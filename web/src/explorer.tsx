import './monacoWorkers.js'
import 'graphiql/style.css'
import './explorer.css'
import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { GraphiQL } from 'graphiql'
import { createGraphiQLFetcher } from '@graphiql/toolkit'
import { exampleTabs, PLACEHOLDER_OWNER, type ExampleContext } from './exampleQueries.js'

const endpoint = new URL('/graphql', window.location.origin)
const fetcher = createGraphiQLFetcher({
  url: endpoint.href,
  subscriptionUrl: `${endpoint.protocol === 'https:' ? 'wss:' : 'ws:'}//${endpoint.host}${endpoint.pathname}`,
})

const owner = new URLSearchParams(window.location.search).get('owner')?.trim() || null

type DebtLine = { id: string; positions: { side: string; amountFloat: number; asset: { symbol: string } }[] | null }

/**
 * A debt line of the wallet for the what-if example (repay a tenth of it),
 * read once before the explorer opens; none when the wallet has no debt or
 * the read fails (the example then shows placeholders).
 */
async function repayOf(wallet: string): Promise<ExampleContext['repay']> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ExplorerDebtLines($owner: Address!) { portfolio(owner: $owner) { venues { id positions { side amountFloat asset { symbol } } } } }', variables: { owner: wallet } }),
    })
    const body = (await response.json()) as { data?: { portfolio?: { venues: DebtLine[] } | null } }
    for (const venue of body.data?.portfolio?.venues ?? []) {
      const debt = venue.positions?.find((p) => p.side === 'DEBT' && p.amountFloat > 0)
      if (debt) return { venueId: venue.id, asset: debt.asset.symbol, amount: String(Number((debt.amountFloat / 10).toPrecision(4))) }
    }
  } catch {
    // the example keeps its placeholders
  }
  return undefined
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
  const [context, setContext] = useState<ExampleContext | null>(owner === null ? { owner: PLACEHOLDER_OWNER } : null)
  useEffect(() => {
    if (owner !== null) void repayOf(owner).then((repay) => setContext({ owner, repay }))
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
