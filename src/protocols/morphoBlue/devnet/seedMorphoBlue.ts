import { parseUnits, zeroAddress, type Address } from 'viem'
import { DevnetError } from '../../../errors/index.js'
import { DEVNET_ACCOUNTS } from '../../../devnet/accounts.js'
import type { Deployer } from '../../../devnet/deployer.js'
import type { DevnetAsset } from '../../../devnet/types.js'
import { MorphoDevnetActions, type DeployedMorphoBlue, type UnlistedDemoMarket } from './deployMorphoBlue.js'
import type { PlainMorphoMarket } from './createPlainMorphoMarkets.js'
import type { PlainOracleKind } from './plainMorphoMarketSpec.js'

/** A wallet's Morpho Blue position in one devnet market (by label): decimal token amounts. */
export type MorphoSeedBook = {
  readonly account: Address
  readonly market: string
  readonly collateral: string
  readonly borrow: string
}

/**
 * The demo wallet's Morpho Blue positions (snapshot prices as above):
 * - l1 wstETH/WETH 94.5%: 20 wstETH (1.1451 ETH each) against 18 WETH:
 *   HF ≈ 20·1.1451·0.945 / 18 ≈ 1.20; long ETH through wstETH, short through WETH.
 * - base WETH/USDC 86%: 5 WETH against 5,500 USDC: HF ≈ 5·1816.85·0.86 / 5500 ≈ 1.42,
 *   beside the Aave eMode venue's WETH debt on the same chain.
 */
export const MORPHO_DEMO_BOOKS: Readonly<Record<string, readonly MorphoSeedBook[]>> = {
  'devnet-l1': [{ account: DEVNET_ACCOUNTS.demo, market: 'wstETH/WETH 94.5%', collateral: '20', borrow: '18' }],
  'devnet-base': [{ account: DEVNET_ACCOUNTS.demo, market: 'WETH/USDC 86%', collateral: '5', borrow: '5500' }],
}

/**
 * Seeds Morpho Blue books (after the market liquidity deployMorphoBlue supplied).
 * @throws DevnetError when a book names a market the chain does not have.
 */
export async function seedMorphoBlue(
  d: Deployer,
  morpho: Pick<DeployedMorphoBlue, 'morpho' | 'markets'>,
  morphoAbi: ConstructorParameters<typeof MorphoDevnetActions>[2],
  books: readonly MorphoSeedBook[],
): Promise<void> {
  const actions = new MorphoDevnetActions(d, morpho.morpho, morphoAbi)
  for (const book of books) {
    const m = morpho.markets.find((x) => x.label === book.market)
    if (!m) throw new DevnetError(`Seed book names Morpho market ${book.market}, which chain ${d.chain.id} does not have.`)
    const collDecimals = await tokenDecimals(d, m.collateralToken)
    const loanDecimals = await tokenDecimals(d, m.loanToken)
    await actions.supplyCollateral(m, book.account, parseUnits(book.collateral, collDecimals))
    await actions.borrow(m, book.account, parseUnits(book.borrow, loanDecimals))
  }
}

async function tokenDecimals(d: Deployer, token: Address): Promise<number> {
  return Number(
    await d.public.readContract({
      address: token,
      abi: [{ type: 'function', name: 'decimals', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint8' }] }] as const,
      functionName: 'decimals',
    }),
  )
}

/**
 * A position of the demo wallet in a plain (unlisted) market: the first
 * plain market, in number order, with a curve IRM that matches the filters
 * (and is not taken by an earlier book). Values in USD at the feeds' answers.
 */
export type UnlistedMorphoDemoBook = {
  readonly position: 'borrow' | 'supply'
  /** Collateral symbols the market may have (any when absent). */
  readonly collateral?: readonly string[]
  /** Loan symbols the market may have. */
  readonly loan: readonly string[]
  readonly oracleKind: PlainOracleKind
  /** LLTVs (WAD) the market may have (any when absent). */
  readonly lltvs?: readonly bigint[]
  /** borrow: USD value of the collateral; supply: USD value supplied. */
  readonly valueUsd: number
  /** borrow: the health factor to borrow down to, in basis points (15_000 = 1.5). */
  readonly healthFactorBps?: number
}

const STABLES = ['USDC', 'USDT', 'DAI'] as const
/** LLTVs 77%, 86% and 91.5%, WAD: where blue-chip collateral against stablecoins sits on Morpho. */
const MID_LLTVS = [770_000_000_000_000_000n, 860_000_000_000_000_000n, 915_000_000_000_000_000n] as const

/**
 * The demo wallet's positions in plain markets, which the chain list file
 * does not list (a reader that indexes every market finds them):
 * - a borrow against BTC or ETH collateral ($20,000) in a stablecoin-loan
 *   market priced by a feed-ratio oracle, down to a health factor of 1.5;
 * - a lender's supply of $10,000 USDC in a feed-ratio market;
 * - a borrow against ETH collateral ($10,000) in a market whose oracle is a
 *   fixed price (no feed), down to a health factor of 1.6.
 */
export const UNLISTED_MORPHO_DEMO_BOOKS: Readonly<Record<string, readonly UnlistedMorphoDemoBook[]>> = {
  'devnet-l1': [
    { position: 'borrow', collateral: ['WBTC', 'WETH', 'wstETH'], loan: STABLES, oracleKind: 'feedRatio', lltvs: MID_LLTVS, valueUsd: 20_000, healthFactorBps: 15_000 },
    { position: 'supply', loan: ['USDC'], oracleKind: 'feedRatio', valueUsd: 10_000 },
    { position: 'borrow', collateral: ['WETH', 'wstETH'], loan: STABLES, oracleKind: 'fixedPrice', lltvs: MID_LLTVS, valueUsd: 10_000, healthFactorBps: 16_000 },
  ],
}

const feedAbi = [
  { type: 'function', name: 'latestAnswer', stateMutability: 'view', inputs: [], outputs: [{ type: 'int256' }] },
  { type: 'function', name: 'decimals', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint8' }] },
] as const
const oracleAbi = [{ type: 'function', name: 'price', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint256' }] }] as const

/**
 * Seeds the demo wallet's positions in plain markets (UNLISTED_MORPHO_DEMO_BOOKS):
 * for a borrow, the liquidity provider supplies twice the loan first, the
 * demo wallet supplies collateral worth `valueUsd` and borrows
 * maxBorrow · 10,000 / healthFactorBps, with maxBorrow = collateral · price / 1e36 · LLTV / 1e18
 * (Morpho._isHealthy's bound, loan units); for a supply, it supplies loan
 * tokens worth `valueUsd`. Returns the markets, in book order.
 * @throws DevnetError when no plain market matches a book.
 */
export async function seedUnlistedMorphoDemo(
  d: Deployer,
  args: {
    morpho: Address
    morphoAbi: ConstructorParameters<typeof MorphoDevnetActions>[2]
    markets: readonly PlainMorphoMarket[]
    assets: readonly DevnetAsset[]
    books: readonly UnlistedMorphoDemoBook[]
  },
): Promise<UnlistedDemoMarket[]> {
  const actions = new MorphoDevnetActions(d, args.morpho, args.morphoAbi)
  const demo = DEVNET_ACCOUNTS.demo
  const out: UnlistedDemoMarket[] = []
  for (const book of args.books) {
    const m = args.markets.find(
      (x) =>
        x.irm !== zeroAddress &&
        x.oracleKind === book.oracleKind &&
        book.loan.includes(x.loanSymbol) &&
        (book.collateral?.includes(x.collateralSymbol) ?? true) &&
        (book.lltvs?.includes(BigInt(x.lltv)) ?? true) &&
        !out.some((o) => o.id === x.id),
    )
    if (!m) throw new DevnetError(`No plain Morpho market on chain ${d.chain.id} matches the demo's ${book.position} book (${book.oracleKind}, loan ${book.loan.join('/')}): create more plain markets.`)
    const token = (address: Address) => args.assets.find((a) => a.address === address)!
    if (book.position === 'supply') {
      await actions.supply(m, demo, await unitsWorth(d, token(m.loanToken), book.valueUsd))
    } else {
      const collateral = await unitsWorth(d, token(m.collateralToken), book.valueUsd)
      const price = await d.public.readContract({ address: m.oracle, abi: oracleAbi, functionName: 'price' })
      // loan units: collateral · price / 1e36 (ORACLE_PRICE_SCALE) · lltv / 1e18, both rounded down as Morpho does
      const maxBorrow = (((collateral * price) / 10n ** 36n) * BigInt(m.lltv)) / 10n ** 18n
      const borrow = (maxBorrow * 10_000n) / BigInt(book.healthFactorBps ?? 15_000)
      await actions.supply(m, DEVNET_ACCOUNTS.liquidityProvider, 2n * borrow)
      await actions.supplyCollateral(m, demo, collateral)
      await actions.borrow(m, demo, borrow)
    }
    out.push({ ...m, demoPosition: book.position })
  }
  return out
}

/** Token units worth `valueUsd` at the token's USD feed: valueUsd · 10^decimals · 10^feedDecimals / answer (rounded down). */
async function unitsWorth(d: Deployer, asset: DevnetAsset, valueUsd: number): Promise<bigint> {
  const [answer, feedDecimals] = await Promise.all([
    d.public.readContract({ address: asset.priceFeed, abi: feedAbi, functionName: 'latestAnswer' }),
    d.public.readContract({ address: asset.priceFeed, abi: feedAbi, functionName: 'decimals' }),
  ])
  return (BigInt(valueUsd) * 10n ** BigInt(asset.decimals + feedDecimals)) / answer
}
