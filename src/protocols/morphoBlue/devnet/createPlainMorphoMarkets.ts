import { concat, encodeDeployData, getCreate2Address, parseUnits, zeroAddress, zeroHash, type Address, type Hex } from 'viem'
import { DevnetError } from '../../../errors/index.js'
import type { Deployer } from '../../../devnet/deployer.js'
import type { DevnetAsset } from '../../../devnet/types.js'
import { marketComponents } from '../abi.js'
import { morphoMarketId } from './morphoMarketId.js'
import type { MorphoDevnetContracts } from './morphoArtifacts.js'
import { PLAIN_IRM_RATE_STEP_PERCENT, plainMarketSpec, type PlainMarketSpec, type PlainOracleKind } from './plainMorphoMarketSpec.js'

/**
 * The deterministic deployment proxy (Arachnid/deterministic-deployment-proxy)
 * that anvil installs on every node unless started with
 * `--disable-default-create2-deployer` (anvil --help): calldata = salt ‖ init
 * code, deploys with CREATE2.
 */
const CREATE2_DEPLOYER: Address = '0x4e59b44847b379578588920cA78FbF26c0B4956C'

/** Seconds in Morpho's interest year (365 days), for per-second rates. */
const SECONDS_PER_YEAR = 31_536_000n

/**
 * Markets per createMarkets transaction: a createMarket costs ~141k gas (six
 * new storage slots, the event, the IRM's borrowRate; measured on the
 * devnet), so 120 take ~17M of the 30M each devnet transaction may use
 * (src/devnet/deployer.ts; blocks hold 100M, src/devnet/anvil.ts).
 */
const MARKETS_PER_TX = 120

/** Oracles and IRMs per deployAll transaction: 40 took ~8.4M gas on the devnet (a feed-ratio oracle ~0.2M with its init code as calldata). */
const DEPLOYS_PER_TX = 40

/**
 * The Morpho getters read here, alone: encoding thousands of calls against
 * Morpho's whole ABI looks each function up in it every time.
 */
const morphoGettersAbi = [
  {
    type: 'function',
    name: 'market',
    stateMutability: 'view',
    inputs: [{ name: 'id', type: 'bytes32' }],
    outputs: marketComponents,
  },
  { type: 'function', name: 'isIrmEnabled', stateMutability: 'view', inputs: [{ name: 'irm', type: 'address' }], outputs: [{ type: 'bool' }] },
  { type: 'function', name: 'isLltvEnabled', stateMutability: 'view', inputs: [{ name: 'lltv', type: 'uint256' }], outputs: [{ type: 'bool' }] },
] as const

/** A plain devnet Morpho Blue market (not listed in the chain list file). `lltv` WAD, as a decimal string. */
export type PlainMorphoMarket = {
  /** Market id: keccak256(abi.encode(MarketParams)). */
  readonly id: Hex
  /** e.g. `WBTC/USDC 86% #12`: collateral/loan, LLTV and the market's number. */
  readonly label: string
  /** The market's number (plainMarketSpec): the same number is always the same market on a chain. */
  readonly index: number
  readonly collateralSymbol: string
  readonly loanSymbol: string
  readonly collateralToken: Address
  readonly loanToken: Address
  readonly oracle: Address
  readonly oracleKind: PlainOracleKind
  readonly irm: Address
  /** The IRM's rate at target per year as a fraction (0.04 = 4%); null for address(0) (no interest). */
  readonly irmRateAtTargetPerYear: number | null
  readonly lltv: string
}

export type CreatePlainMorphoMarketsParameters = {
  readonly morpho: Address
  readonly contracts: MorphoDevnetContracts
  /** The chain's tokens and their USD feeds (a feed-ratio oracle per ordered pair). */
  readonly assets: readonly Pick<DevnetAsset, 'symbol' | 'address' | 'decimals' | 'priceFeed'>[]
  /** How many markets: numbers offset … offset + count − 1. */
  readonly count: number
  /** First market number (default 0): another offset gives other, distinct markets. */
  readonly offset?: number
}

export type CreatePlainMorphoMarketsReturnType = {
  /** Markets created by this call (those of the range that did not exist yet). */
  readonly created: number
  /** Every market of the range, in number order. */
  readonly markets: readonly PlainMorphoMarket[]
}

/**
 * Creates plain Morpho Blue markets number offset … offset + count − 1
 * (plainMarketSpec) in a few transactions: deploys a DevnetMarketBatchCreator
 * through anvil's CREATE2 deployer, the oracles and IRMs the markets name
 * through the creator (CREATE2: an oracle's or IRM's address follows from
 * its parameters), enables the LLTVs and IRMs (`d` must be Morpho's owner)
 * and creates the markets in batches. Deterministic: on the same chain (same
 * tokens, feeds and feed answers), the same numbers always give the same
 * markets; markets of the range that exist already are skipped, so calling
 * again with the same range creates nothing. A fixed-price oracle answers the
 * pair's feed ratio at the time it is deployed.
 * @throws DevnetError when anvil's CREATE2 deployer is missing or a transaction reverts.
 */
export async function createPlainMorphoMarkets(d: Deployer, p: CreatePlainMorphoMarketsParameters): Promise<CreatePlainMorphoMarketsReturnType> {
  const c = p.contracts
  const offset = p.offset ?? 0
  const specs = Array.from({ length: p.count }, (_, i) => plainMarketSpec(p.assets.length, offset + i))
  const creator = await deployBatchCreator(d, c)
  const feeds = await readFeeds(d, p.assets)

  // the oracles and IRMs the markets name, each once, by its init code (address: CREATE2 from the creator, salt 0)
  const initCodes: Hex[] = []
  const addresses = new Map<string, Address>()
  const deployedAt = (key: string, initCode: () => Hex): Address => {
    let address = addresses.get(key)
    if (!address) {
      const code = initCode()
      initCodes.push(code)
      address = getCreate2Address({ from: creator, salt: zeroHash, bytecode: code })
      addresses.set(key, address)
    }
    return address
  }
  const oracleOf = (s: PlainMarketSpec): Address => {
    const coll = p.assets[s.collateral]!
    const loan = p.assets[s.loan]!
    return deployedAt(`${s.oracleKind} ${s.collateral} ${s.loan}`, () =>
      s.oracleKind === 'feedRatio'
        ? encodeDeployData({ abi: c.morphoOracle.abi, bytecode: c.morphoOracle.bytecode, args: [coll.priceFeed, loan.priceFeed, BigInt(coll.decimals), BigInt(loan.decimals)] })
        : encodeDeployData({ abi: c.fixedPriceOracle.abi, bytecode: c.fixedPriceOracle.bytecode, args: [feedRatioPrice(coll, feeds.get(coll.address)!, loan, feeds.get(loan.address)!)] }),
    )
  }
  const irmOf = (k: number): Address => {
    if (k === 0) return zeroAddress
    // rate at target per second, WAD: k · step% per year over a 365-day year
    const ratePerSecond = parseUnits(String(k * PLAIN_IRM_RATE_STEP_PERCENT), 16) / SECONDS_PER_YEAR
    return deployedAt(`irm ${k}`, () => encodeDeployData({ abi: c.curveIrm.abi, bytecode: c.curveIrm.bytecode, args: [ratePerSecond] }))
  }
  const markets = specs.map((s): PlainMorphoMarket => {
    const coll = p.assets[s.collateral]!
    const loan = p.assets[s.loan]!
    const params = { loanToken: loan.address, collateralToken: coll.address, oracle: oracleOf(s), irm: irmOf(s.irm), lltv: s.lltv }
    return {
      id: morphoMarketId(params),
      label: `${coll.symbol}/${loan.symbol} ${formatLltv(s.lltv)} #${s.index}`,
      index: s.index,
      collateralSymbol: coll.symbol,
      loanSymbol: loan.symbol,
      collateralToken: params.collateralToken,
      loanToken: params.loanToken,
      oracle: params.oracle,
      oracleKind: s.oracleKind,
      irm: params.irm,
      irmRateAtTargetPerYear: s.irm === 0 ? null : (s.irm * PLAIN_IRM_RATE_STEP_PERCENT) / 100,
      lltv: s.lltv.toString(),
    }
  })

  for (let i = 0; i < initCodes.length; i += DEPLOYS_PER_TX) {
    await d.send(creator, c.marketBatchCreator.abi, 'deployAll' as never, [initCodes.slice(i, i + DEPLOYS_PER_TX)] as never)
  }
  await enableMissing(d, p.morpho, c, 'isIrmEnabled', 'enableIrm', [...new Set(markets.map((m) => m.irm))])
  await enableMissing(d, p.morpho, c, 'isLltvEnabled', 'enableLltv', [...new Set(specs.map((s) => s.lltv))])

  const lastUpdates = await d.public.multicall({
    contracts: markets.map((m) => ({ address: p.morpho, abi: morphoGettersAbi, functionName: 'market', args: [m.id] }) as const),
    allowFailure: false,
    batchSize: 0,
  })
  // Market.lastUpdate (the fifth output of Morpho's public `market` getter) is 0 until createMarket
  const missing = markets.filter((_, i) => lastUpdates[i]![4] === 0n)
  for (let i = 0; i < missing.length; i += MARKETS_PER_TX) {
    const batch = missing.slice(i, i + MARKETS_PER_TX).map((m) => ({ loanToken: m.loanToken, collateralToken: m.collateralToken, oracle: m.oracle, irm: m.irm, lltv: BigInt(m.lltv) }))
    await d.send(creator, c.marketBatchCreator.abi, 'createMarkets' as never, [p.morpho, batch] as never)
  }
  return { created: missing.length, markets }
}

/**
 * The DevnetMarketBatchCreator at its CREATE2 address (anvil's deployer,
 * salt 0), deployed when absent.
 * @throws DevnetError when anvil's CREATE2 deployer is missing or the deployment fails.
 */
async function deployBatchCreator(d: Deployer, c: MorphoDevnetContracts): Promise<Address> {
  const initCode = c.marketBatchCreator.bytecode
  const address = getCreate2Address({ from: CREATE2_DEPLOYER, salt: zeroHash, bytecode: initCode })
  if (await hasCode(d, address)) return address
  if (!(await hasCode(d, CREATE2_DEPLOYER))) {
    throw new DevnetError(`Chain ${d.chain.id} has no CREATE2 deployer at ${CREATE2_DEPLOYER}: start anvil without --disable-default-create2-deployer.`)
  }
  const receipt = await d.receipt(await d.wallet.sendTransaction({ to: CREATE2_DEPLOYER, data: concat([zeroHash, initCode]) }))
  if (receipt.status !== 'success' || !(await hasCode(d, address))) {
    throw new DevnetError(`Deploying DevnetMarketBatchCreator through the CREATE2 deployer on chain ${d.chain.id} failed.`)
  }
  return address
}

async function hasCode(d: Deployer, address: Address): Promise<boolean> {
  const code = await d.public.getCode({ address })
  return code !== undefined && code !== '0x'
}

/** Each token's USD feed: its answer and decimals (one multicall). */
async function readFeeds(d: Deployer, assets: CreatePlainMorphoMarketsParameters['assets']): Promise<Map<Address, { answer: bigint; decimals: number }>> {
  const feedAbi = [
    { type: 'function', name: 'latestAnswer', stateMutability: 'view', inputs: [], outputs: [{ type: 'int256' }] },
    { type: 'function', name: 'decimals', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint8' }] },
  ] as const
  const reads = await d.public.multicall({
    contracts: assets.flatMap((a) => [
      { address: a.priceFeed, abi: feedAbi, functionName: 'latestAnswer' } as const,
      { address: a.priceFeed, abi: feedAbi, functionName: 'decimals' } as const,
    ]),
    allowFailure: false,
    batchSize: 0,
  })
  return new Map(assets.map((a, i) => [a.address, { answer: reads[2 * i] as bigint, decimals: Number(reads[2 * i + 1]) }]))
}

/**
 * The price DevnetMorphoOracle would answer for the pair now: one collateral
 * unit in loan units, scaled by 1e36 (rounded down):
 * 10^(36 + loanDecimals + loanFeedDecimals − collDecimals − collFeedDecimals) · collAnswer / loanAnswer.
 */
function feedRatioPrice(coll: { decimals: number }, collFeed: { answer: bigint; decimals: number }, loan: { decimals: number }, loanFeed: { answer: bigint; decimals: number }): bigint {
  const exponent = 36 + loan.decimals + loanFeed.decimals - coll.decimals - collFeed.decimals
  return exponent >= 0 ? (10n ** BigInt(exponent) * collFeed.answer) / loanFeed.answer : collFeed.answer / (10n ** BigInt(-exponent) * loanFeed.answer)
}

/** Enables (as Morpho's owner) each IRM or LLTV that is not enabled yet. */
async function enableMissing<T extends Address | bigint>(d: Deployer, morpho: Address, c: MorphoDevnetContracts, getter: 'isIrmEnabled' | 'isLltvEnabled', setter: 'enableIrm' | 'enableLltv', values: readonly T[]): Promise<void> {
  const enabled = await d.public.multicall({
    contracts: values.map((v) => ({ address: morpho, abi: morphoGettersAbi, functionName: getter, args: [v] }) as never),
    allowFailure: false,
    batchSize: 0,
  })
  for (const [i, v] of values.entries()) {
    if (!enabled[i]) await d.send(morpho, c.morpho.abi, setter as never, [v] as never)
  }
}

/** LLTV WAD as a percentage: 945000000000000000n → `94.5%`. */
export function formatLltv(lltv: bigint): string {
  return `${Number(lltv / 10n ** 14n) / 100}%`
}
