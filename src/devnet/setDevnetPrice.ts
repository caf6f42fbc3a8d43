import { parseUnits, type Address } from 'viem'
import { devnetChains } from '../../chains/devnet.js'
import { riskFactorOf } from '../domain/riskFactorTable.js'
import { DevnetError } from '../errors/index.js'
import { DEVNET_ACCOUNTS } from './accounts.js'
import { Deployer } from './deployer.js'
import type { DevnetManifest, DevnetManifestAsset, DevnetManifestChain } from './manifest.js'
import { devnetPriceFeedAbi } from './priceFeedAbi.js'

/** One feed change the devnet made. Prices in feed units (USD 1e8). */
export type FeedChange = { chainId: number; symbol: string; feed: Address; before: bigint; after: bigint }

export type SetDevnetPriceParameters = {
  manifest: DevnetManifest
  /**
   * A token symbol (`WETH`: that asset's feed only), a base risk factor
   * (`ETH`: its reference feed, and every asset priced off it in proportion),
   * or a ratio factor (`WSTETH_ETH`: the LST's feed = base feed · ratio).
   */
  target: string
  /** USD for a symbol or base factor; the exchange rate (e.g. "1.15") for a ratio factor. Decimal string. */
  value: string
  /** Only this chain; every chain where the target applies when omitted. */
  chainId?: number
}

/**
 * Sets devnet prices by transaction (each mines a block), keeping assets
 * that move with a factor consistent: moving factor F from P0 to P sets every
 * feed priced off F to floor(feed0 · P / P0), the rule xmargin's shock model
 * (risk/shock.ts) uses, so predicted liquidation prices are exact here.
 * @throws DevnetError when the target applies to no chain.
 */
export async function setDevnetPrice(p: SetDevnetPriceParameters): Promise<FeedChange[]> {
  const chains = p.manifest.chains.filter((c) => p.chainId === undefined || c.chainId === p.chainId)
  const changes: FeedChange[] = []
  for (const chain of chains) {
    const d = deployerFor(chain)
    const feedValue = async (a: DevnetManifestAsset) =>
      (await d.public.readContract({ address: a.priceFeed, abi: devnetPriceFeedAbi, functionName: 'latestAnswer' })) as bigint
    const targets = await planChain(chain, p.target, p.value, feedValue)
    for (const t of targets) {
      await d.send(t.asset.priceFeed, devnetPriceFeedAbi, 'setAnswer', [t.after])
      changes.push({ chainId: chain.chainId, symbol: t.asset.symbol, feed: t.asset.priceFeed, before: t.before, after: t.after })
    }
  }
  if (changes.length === 0) throw new DevnetError(`"${p.target}" is not a symbol or risk factor of the devnet${p.chainId ? ` on chain ${p.chainId}` : ''}.`)
  return changes
}

/**
 * Sets one feed's answer and updatedAt directly (e.g. to make it stale).
 * `updatedAt` in unix seconds; the block time when omitted.
 */
export async function setDevnetFeed(chain: DevnetManifestChain, symbol: string, answerE8: bigint, updatedAt?: bigint): Promise<void> {
  const asset = chain.assets.find((a) => a.symbol === symbol)
  if (!asset) throw new DevnetError(`${symbol} is not listed on devnet chain ${chain.chainId}.`)
  const d = deployerFor(chain)
  if (updatedAt === undefined) await d.send(asset.priceFeed, devnetPriceFeedAbi, 'setAnswer', [answerE8])
  else await d.send(asset.priceFeed, devnetPriceFeedAbi, 'setAnswerWithTimestamp', [answerE8, updatedAt])
}

async function planChain(
  chain: DevnetManifestChain,
  target: string,
  value: string,
  feedValue: (a: DevnetManifestAsset) => Promise<bigint>,
): Promise<{ asset: DevnetManifestAsset; before: bigint; after: bigint }[]> {
  const bySymbol = chain.assets.find((a) => a.symbol === target)
  if (bySymbol) return [{ asset: bySymbol, before: await feedValue(bySymbol), after: parseUnits(value, 8) }]
  const factor = riskFactorOf(target)
  if (factor.kind === 'ratio') {
    const carriers = chain.assets.filter((a) => a.riskFactors[1] === target)
    const out = []
    for (const a of carriers) {
      const ref = chain.assets.find((x) => x.riskFactors.length === 1 && x.riskFactors[0] === a.riskFactors[0])
      if (!ref) throw new DevnetError(`No ${a.riskFactors[0]} reference feed on chain ${chain.chainId} to quote ${target} against.`)
      const baseE8 = await feedValue(ref)
      out.push({ asset: a, before: await feedValue(a), after: (baseE8 * parseUnits(value, 18)) / 10n ** 18n })
    }
    return out
  }
  const exposed = chain.assets.filter((a) => a.riskFactors[0] === target)
  if (exposed.length === 0) return []
  const ref = exposed.find((a) => a.riskFactors.length === 1) ?? exposed[0]!
  const p0 = await feedValue(ref)
  const p = parseUnits(value, 8)
  const out = []
  for (const a of exposed) {
    const before = await feedValue(a)
    out.push({ asset: a, before, after: a === ref ? p : (before * p) / p0 })
  }
  return out
}

function deployerFor(chain: DevnetManifestChain): Deployer {
  const config = devnetChains.find((c) => c.chain.id === chain.chainId)
  if (!config) throw new DevnetError(`Chain ${chain.chainId} is not a devnet chain.`)
  return new Deployer(config.chain, chain.rpcUrl, DEVNET_ACCOUNTS.deployer)
}
