import path from 'node:path'
import { maxUint256, type Address } from 'viem'
import { startDevnet } from '../src/devnet/startDevnet.js'
import type { DevnetManifestChain } from '../src/devnet/manifest.js'
import { computeAaveV3AccountData } from '../src/protocols/aaveV3/model/computeAaveV3AccountData.js'
import { units } from '../src/protocols/aaveV3/devnet/aaveActions.js'
import { startCountingProxy, type CountingProxy } from '../test/support/countingProxy.js'
import { TestChain } from '../test/support/devnet.js'
import { computeAaveAppSummary, fetchAaveAppReads, toHealthFactorWad, type AaveAppReads } from './support/aaveAppRead.js'

/**
 * `npm run bench` (Aave app part): xmargin's read of an Aave v3.6 account
 * beside the path Aave's own app takes, on the same wallets and blocks:
 * - xmargin: the block, then one Multicall3 (the server's chain read), and
 *   computeAaveV3AccountData;
 * - the app: UiPoolDataProviderV3.getReservesData, getUserReservesData and
 *   getEModes (one eth_call each), then @aave/math-utils' formatReserves and
 *   formatUserSummary at the wall clock, as the app does.
 * Per wallet: HTTP requests to the chain (a counting proxy in front of each
 * node), latency over BENCH_ITERATIONS repetitions at a new block each
 * (the two paths alternating who goes first), and each health factor against
 * Pool.getUserAccountData at the block read (largest difference, wei).
 * xmargin's must be 0: the bench fails otherwise.
 */
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30)
const oracleAbi = [{ type: 'function', name: 'getAssetPrice', stateMutability: 'view', inputs: [{ type: 'address' }], outputs: [{ type: 'uint256' }] }] as const

/** A wallet to open: supplies and borrows (the borrow as a share of what the account may still borrow, in %). */
type Book = { readonly label: string; readonly eMode?: number; readonly supply: readonly (readonly [string, string])[]; readonly borrow: readonly (readonly [string, number])[] }

// eMode wallets use Base's category 1: UiPoolDataProviderV3.getEModes stops after three missing ids
// ("assumes there will never be a gap > 2"), so the devnet's sparse categories (L1: 7, 8, 42, 100; Base: 7)
// never reach the app, while Aave's real markets number theirs from 1.
const BOOKS: Readonly<Record<number, readonly Book[]>> = {
  900001: [
    { label: 'WETH+WBTC+USDC / USDC+USDT+WETH', supply: [['WETH', '8'], ['WBTC', '0.15'], ['USDC', '15000']], borrow: [['USDC', 35], ['USDT', 30], ['WETH', 20]] },
    { label: 'wstETH+weETH / USDC+WBTC', supply: [['wstETH', '20'], ['weETH', '10']], borrow: [['USDC', 60], ['WBTC', 50]] },
  ],
  900003: [
    { label: 'WETH+cbETH+USDC / USDC+WETH', supply: [['WETH', '5'], ['cbETH', '3'], ['USDC', '10000']], borrow: [['USDC', 40], ['WETH', 30]] },
    { label: 'eMode 1: cbETH+WETH / WETH', eMode: 1, supply: [['cbETH', '5'], ['WETH', '2']], borrow: [['WETH', 80]] },
    { label: 'eMode 1: WETH / WETH, near 1', eMode: 1, supply: [['WETH', '10']], borrow: [['WETH', 97]] },
  ],
}

type Row = { chainId: number; label: string; wallet: Address; healthFactor: bigint; cold: number; ours: Path; app: Path; appAtBlockTime: bigint }
type Path = { ms: number[]; requests: number[]; rpcCalls: number[]; maxDiffWei: bigint }

const devnet = await startDevnet({ basePort: 48545, dir: path.resolve('.devnet', 'bench-aave-app') })
const proxies: CountingProxy[] = []
try {
  const rows: Row[] = []
  let seed = 0
  for (const entry of devnet.manifest.chains) {
    const market = entry.aaveV3
    if (market.version !== '3.6' || market.uiPoolDataProvider === null) continue
    const direct = new TestChain(entry)
    const proxy = await startCountingProxy(entry.rpcUrl)
    proxies.push(proxy)
    // the reads go through the proxy; actions, mining and the contract's reference answer go to the node directly
    const counted = new TestChain({ ...entry, rpcUrl: proxy.url } as DevnetManifestChain)
    const wallets: { label: string; wallet: Address }[] = [{ label: 'demo wallet', wallet: devnet.manifest.accounts.demo }]
    for (const book of BOOKS[entry.chainId] ?? []) wallets.push({ label: book.label, wallet: await open(direct, book, seed++) })
    const app = { uiPoolDataProvider: market.uiPoolDataProvider, poolAddressesProvider: market.poolAddressesProvider }

    for (const { label, wallet } of wallets) {
      proxy.reset()
      await counted.readAccount(wallet) // xmargin's first read also fills the market's metadata cache
      const row: Row = { chainId: entry.chainId, label, wallet, healthFactor: 0n, cold: proxy.httpRequests, ours: emptyPath(), app: emptyPath(), appAtBlockTime: 0n }
      computeAaveAppSummary(await fetchAaveAppReads(counted.client, { ...app, user: wallet }), Math.floor(Date.now() / 1000)) // and the app's, untimed too
      for (let i = 0; i < ITERATIONS; i++) {
        await direct.rpc('evm_mine')
        const block = await direct.client.getBlock({ blockTag: 'latest' })
        let reads: AaveAppReads | null = null
        let oursWad = 0n
        let appWad = 0n
        const runOurs = async () => {
          const t = performance.now()
          const state = await counted.readAccount(wallet)
          oursWad = computeAaveV3AccountData(state).healthFactorWad ?? maxUint256
          row.ours.ms.push(performance.now() - t)
          if (state.block.blockNumber !== block.number) throw new TypeError(`xmargin read block ${state.block.blockNumber}, not ${block.number}`)
        }
        const runApp = async () => {
          const t = performance.now()
          reads = await fetchAaveAppReads(counted.client, { ...app, user: wallet })
          appWad = toHealthFactorWad(computeAaveAppSummary(reads, Math.floor(Date.now() / 1000)).healthFactor)
          row.app.ms.push(performance.now() - t)
        }
        for (const run of i % 2 === 0 ? [runOurs, runApp] : [runApp, runOurs]) {
          proxy.reset()
          await run()
          const p = run === runOurs ? row.ours : row.app
          p.requests.push(proxy.httpRequests)
          p.rpcCalls.push(proxy.rpcCalls)
        }
        const reference = (await direct.userAccountData(wallet, block.number)).healthFactor
        row.healthFactor = reference
        row.ours.maxDiffWei = max(row.ours.maxDiffWei, abs(oursWad - reference))
        row.app.maxDiffWei = max(row.app.maxDiffWei, abs(appWad - reference))
        // math-utils' best case: the block's own timestamp instead of the wall clock
        const atBlockTime = toHealthFactorWad(computeAaveAppSummary(reads!, Number(block.timestamp)).healthFactor)
        row.appAtBlockTime = max(row.appAtBlockTime, abs(atBlockTime - reference))
      }
      rows.push(row)
    }
  }

  console.log(`Aave v3.6 accounts, xmargin's read beside Aave's app path (UiPoolDataProviderV3 + @aave/math-utils), ${ITERATIONS} repetitions at a new block each, alternating:`)
  console.log(`  ${'chain'.padEnd(7)}${'wallet'.padEnd(36)}${'HF'.padStart(8)}  ${'HTTP req xm/app'.padStart(15)}  ${'xmargin ms p50/p95'.padStart(18)}  ${'app ms p50/p95'.padStart(16)}  ${'|ΔHF| wei xm'.padStart(12)}  ${'app (wall clock)'.padStart(16)}  ${'app (block time)'.padStart(16)}`)
  for (const r of rows) {
    console.log(
      `  ${String(r.chainId).padEnd(7)}${r.label.padEnd(36)}${formatWad(r.healthFactor).padStart(8)}  ${`${mean(r.ours.requests)} / ${mean(r.app.requests)}`.padStart(15)}  ${`${q(r.ours.ms, 0.5)} / ${q(r.ours.ms, 0.95)}`.padStart(18)}  ${`${q(r.app.ms, 0.5)} / ${q(r.app.ms, 0.95)}`.padStart(16)}  ${String(r.ours.maxDiffWei).padStart(12)}  ${r.app.maxDiffWei.toLocaleString('en-US').padStart(16)}  ${r.appAtBlockTime.toLocaleString('en-US').padStart(16)}`,
    )
  }
  const all = (k: 'ours' | 'app') => ({ ms: rows.flatMap((r) => r[k].ms), requests: rows.flatMap((r) => r[k].requests), rpcCalls: rows.flatMap((r) => r[k].rpcCalls), maxDiffWei: rows.reduce((m, r) => max(m, r[k].maxDiffWei), 0n) })
  const ours = all('ours')
  const appAll = all('app')
  const appAtBlockTime = rows.reduce((m, r) => max(m, r.appAtBlockTime), 0n)
  console.log(`  totals over ${rows.length} wallets × ${ITERATIONS} reads (xmargin's first read of each wallet, untimed: ${rows.map((r) => r.cold).join(', ')} HTTP requests, the market's metadata on the first of each chain):`)
  console.log(`    Aave's app path:   ${mean(appAll.requests)} HTTP requests (${mean(appAll.rpcCalls)} JSON-RPC calls) per read, p50 ${q(appAll.ms, 0.5)} ms, p95 ${q(appAll.ms, 0.95)} ms; health factor off Pool.getUserAccountData by up to ${appAll.maxDiffWei.toLocaleString('en-US')} wei at the wall clock, ${appAtBlockTime.toLocaleString('en-US')} wei at the block's timestamp`)
  console.log(`    xmargin beside it: ${mean(ours.requests)} HTTP requests (${mean(ours.rpcCalls)} JSON-RPC calls) per read, p50 ${q(ours.ms, 0.5)} ms, p95 ${q(ours.ms, 0.95)} ms; health factor off by ${ours.maxDiffWei} wei (must be 0: ${ours.maxDiffWei === 0n ? 'met' : 'NOT MET'})`)
  console.log(`    the app's path takes ${(mean(appAll.requests) / mean(ours.requests)).toFixed(1)}× the requests and ${(quantile(appAll.ms, 0.5) / quantile(ours.ms, 0.5)).toFixed(1)}× the time (p50) of xmargin's read`)
  if (ours.maxDiffWei !== 0n) throw new TypeError(`xmargin's health factor differs from Pool.getUserAccountData by up to ${ours.maxDiffWei} wei`)
} finally {
  await Promise.all(proxies.map((p) => p.close()))
  await devnet.stop()
}

/** Opens `book` for a fresh funded account: supplies, the eMode, then each borrow as a share of what it may still borrow. */
async function open(chain: TestChain, book: Book, seed: number): Promise<Address> {
  const account = await chain.freshAccount(0xbe0c0 + seed)
  for (const [symbol, amount] of book.supply) {
    const a = chain.asset(symbol)
    await chain.aave.supply(a, account, units(amount, a.decimals))
  }
  if (book.eMode !== undefined) await chain.aave.setEMode(account, book.eMode)
  for (const [symbol, percent] of book.borrow) {
    const a = chain.asset(symbol)
    const available = (await chain.userAccountData(account, await chain.client.getBlockNumber())).availableBorrowsBase // USD 1e8
    const priceE8 = (await chain.client.readContract({ address: chain.market.oracle, abi: oracleAbi, functionName: 'getAssetPrice', args: [a.address] })) as bigint
    // USD 1e8 · % · 10^decimals / (100 · USD 1e8 per token) = token units
    await chain.aave.borrow(a, account, (available * BigInt(percent) * 10n ** BigInt(a.decimals)) / (100n * priceE8), 'variable')
  }
  return account
}

function emptyPath(): Path {
  return { ms: [], requests: [], rpcCalls: [], maxDiffWei: 0n }
}

function quantile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!
}

function q(xs: readonly number[], p: number): string {
  return quantile(xs, p).toFixed(1)
}

function mean(xs: readonly number[]): number {
  return Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2))
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b
}

/** A WAD as a decimal with 4 places (type(uint256).max: "∞"). */
function formatWad(wad: bigint): string {
  return wad === maxUint256 ? '∞' : (Number(wad) / 1e18).toFixed(4)
}
