import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, inject } from 'vitest'
import pino from 'pino'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import { WEB_ROOT, type GraphqlServer } from '../../src/graphql/createServer.js'

/** Where the browser tests save their screenshots (git-ignored). */
export const SCREENSHOT_DIR = path.resolve('test-output/browser')

/** The committed screenshots of the README; refreshed only when XMARGIN_UPDATE_DOCS_SCREENSHOTS=1. */
export const DOCS_SCREENSHOT_DIR = path.resolve('docs/screenshots')

/** Chromium's flags: headless, no sandbox (containers), and nothing that phones home. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** The viewport the screenshots are taken at. */
export const VIEWPORT = { width: 1400, height: 900 } as const

/**
 * Launches headless Chromium (CHROMIUM_PATH, default the Debian package's
 * /usr/bin/chromium). A missing browser fails the test, never skips it.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
  expect(existsSync(executablePath), `Chromium not found at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH to its executable.`).toBe(true)
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
}

/** Hosts the pages may talk to: the server itself. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * A browser context that is offline but for this machine: every request to
 * another host is aborted and its URL pushed onto `external` (tests assert it
 * stays empty: the pages are bundled and need no CDN).
 */
export async function offlineContext(browser: Browser, external: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) return route.continue()
    external.push(url.href)
    return route.abort('internetdisconnected')
  })
  return context
}

/** Fails with a clear message when the web pages have not been built (`npm test` builds them first). */
export function expectWebBuilt(): void {
  const index = fileURLToPath(new URL('index.html', WEB_ROOT))
  expect(existsSync(index), `${index} is missing: run \`npm run build:web\` before the browser tests (\`npm test\` does).`).toBe(true)
}

/**
 * Starts the xmargin server in-process on a free port over the test devnet
 * (every chain, plus the devnet's Hyperliquid replay), serving the built
 * pages. `env` adds or overrides variables (e.g. an RPC URL through a fault proxy).
 */
export async function startServer(env: Record<string, string> = {}): Promise<{ server: GraphqlServer; origin: string }> {
  const server = await runServer(loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', RATE_LIMIT_PER_MINUTE: '0', ...env }), pino({ level: 'silent' }))
  return { server, origin: server.url.replace(/\/graphql$/, '') }
}

/** Saves a screenshot under test-output/browser/ (and, when asked, under docs/screenshots/ as `docsName`). */
export async function saveScreenshot(page: Page, name: string, options: { selector?: string; fullPage?: boolean; docsName?: string } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = path.join(SCREENSHOT_DIR, `${name}.png`)
  if (options.selector) await page.locator(options.selector).first().screenshot({ path: file, animations: 'disabled' })
  else await page.screenshot({ path: file, fullPage: options.fullPage ?? true, animations: 'disabled' })
  if (options.docsName && process.env['XMARGIN_UPDATE_DOCS_SCREENSHOTS'] === '1') {
    mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true })
    copyFileSync(file, path.join(DOCS_SCREENSHOT_DIR, options.docsName))
  }
  return file
}

/** The dashboard's count of settled loads (it grows by one per load, refresh, new curve or new grid). */
export async function generationOf(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid=dashboard]', 'data-generation'))
}

/** Waits until the dashboard has settled a load after `previous` and is no longer fetching. */
export async function waitForLoad(page: Page, previous: number): Promise<void> {
  await page.waitForFunction(
    `(() => { const d = document.querySelector('[data-testid=dashboard]'); return d !== null && Number(d.getAttribute('data-generation')) > ${previous} && d.getAttribute('data-state') !== 'loading' })()`,
    undefined,
    { timeout: 60_000 },
  )
}

/**
 * How many pixels of the first canvas inside `selector` are painted (alpha
 * above 0): a drawn chart has thousands, an empty one none.
 */
export async function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.evaluate(`(() => {
    const canvas = document.querySelector(${JSON.stringify(selector)})?.querySelector('canvas')
    if (!canvas || canvas.width === 0 || canvas.height === 0) return 0
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
    let painted = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted += 1
    return painted
  })()`)
}
