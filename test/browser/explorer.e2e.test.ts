import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext } from 'playwright-core'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { EXAMPLE_QUERIES, type ExampleContext } from '../../web/src/exampleQueries.js'
import { postGraphql } from '../graphql/http.js'
import { testManifest } from '../support/devnet.js'
import { expectWebBuilt, launchChromium, offlineContext, saveScreenshot, startServer } from './browserSupport.js'

describe('GraphQL explorer, offline, in headless Chromium', () => {
  let manifest: DevnetManifest
  let server: GraphqlServer
  let origin: string
  let browser: Browser
  let context: BrowserContext
  /** Every request that tried to leave localhost (each was aborted). */
  const external: string[] = []

  beforeAll(async () => {
    expectWebBuilt()
    manifest = await testManifest()
    ;({ server, origin } = await startServer())
    browser = await launchChromium()
    // offline: anything not on localhost is refused, and recorded
    context = await offlineContext(browser, external)
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await server?.stop()
  })

  it('opens with the examples as tabs, runs the first one, and asks nothing of any other host', async () => {
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error' || /web worker/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`)
    })
    await page.goto(`${origin}/explorer?owner=${manifest.accounts.demo}`)
    await page.locator('.graphiql-container').waitFor({ state: 'visible' })
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ state: 'visible' })
    expect(await page.locator('.graphiql-tab').count()).toBe(EXAMPLE_QUERIES.length)
    expect(await page.locator('.graphiql-query-editor').textContent()).toContain('PortfolioAtAGlance')
    // the demo wallet is in the variables
    await page.waitForFunction(`document.querySelector('.graphiql-editor-tool')?.textContent.includes(${JSON.stringify(manifest.accounts.demo)})`)

    const answered = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('PortfolioAtAGlance'))
    await page.click('.graphiql-execute-button')
    const body = (await (await answered).json()) as { data?: { portfolio?: { venues: unknown[] } }; errors?: unknown[] }
    expect(body.errors).toBeUndefined()
    expect(body.data?.portfolio?.venues.length).toBeGreaterThan(0)
    await page.waitForFunction(`document.querySelector('.graphiql-response')?.textContent.includes('"venues"')`)
    await saveScreenshot(page, 'explorer', { fullPage: false })

    // another tab opens its own example
    await page.locator('.graphiql-tab', { hasText: 'StressGrid' }).click()
    await page.waitForFunction(`document.querySelector('.graphiql-query-editor')?.textContent.includes('StressGrid($owner')`)

    expect(problems).toEqual([])
    expect(external).toEqual([])
    await page.close()
  })

  it('without ?owner= runs the examples on the server’s example wallet; the subscription example streams its health over the WebSocket', async () => {
    // a fresh context: no tabs saved from the other tests
    const fresh = await offlineContext(browser, external)
    const page = await fresh.newPage()
    await page.goto(`${origin}/explorer`)
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ state: 'visible' })
    // the server's example wallet (the devnet's demo wallet) is in the variables
    await page.waitForFunction(`(document.querySelector('.graphiql-editor-tool')?.textContent ?? '').includes(${JSON.stringify(manifest.accounts.demo)})`, undefined, { timeout: 10_000 })
    await page.locator('.graphiql-tab', { hasText: 'LiveHealth' }).click()
    await page.waitForFunction(`document.querySelector('.graphiql-query-editor')?.textContent.includes('LiveHealth($owner')`)
    await page.click('.graphiql-execute-button')
    // the first message is the current state (Monaco renders spaces as no-break spaces)
    await page.waitForFunction(`(document.querySelector('.graphiql-response')?.textContent ?? '').replace(/\\s+/g, ' ').includes('"reason": "INITIAL"')`, undefined, { timeout: 30_000 })
    await saveScreenshot(page, 'explorer-subscription', { fullPage: false })
    await fresh.close()
    expect(external).toEqual([])
  })

  it('every example query runs against the server without errors', async () => {
    const owner = manifest.accounts.demo
    // the what-if example repays part of a debt line, as the explorer fills it in
    const lines = await postGraphql(server.url, {
      query: 'query($owner: Address!) { portfolio(owner: $owner) { venues { id positions { side amountFloat asset { symbol } } } } }',
      variables: { owner },
    })
    type Line = { id: string; positions: { side: string; amountFloat: number; asset: { symbol: string } }[] | null }
    const venues = (lines.json.data as { portfolio: { venues: Line[] } }).portfolio.venues
    const venue = venues.find((v) => v.positions?.some((p) => p.side === 'DEBT'))!
    const debt = venue.positions!.find((p) => p.side === 'DEBT')!
    const exampleContext: ExampleContext = { owner, repay: { venueId: venue.id, asset: debt.asset.symbol, amount: String(Number((debt.amountFloat / 10).toPrecision(4))) } }

    for (const example of EXAMPLE_QUERIES.filter((e) => !e.subscription)) {
      const r = await postGraphql(server.url, { query: example.query, variables: example.variables(exampleContext) })
      expect(r.json.errors, `${example.title}: ${r.text.slice(0, 500)}`).toBeUndefined()
      expect(r.status).toBe(200)
      expect(Object.values(r.json.data ?? {}).every((v) => v !== null), example.title).toBe(true)
    }
  })
})
