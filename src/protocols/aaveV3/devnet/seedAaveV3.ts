import type { Address } from 'viem'
import { DevnetError } from '../../../errors/index.js'
import { DEVNET_ACCOUNTS } from '../../../devnet/accounts.js'
import type { Deployer } from '../../../devnet/deployer.js'
import { AaveDevnetActions, units, type DevnetAsset, type RateMode } from './aaveActions.js'
import type { DeployedAaveMarket } from './deployAaveV3.js'

/** A wallet's book on one devnet market: decimal token amounts. */
export type SeedBook = {
  readonly account: Address
  readonly eMode?: number
  readonly supply: readonly (readonly [symbol: string, amount: string])[]
  readonly borrow?: readonly (readonly [symbol: string, amount: string, mode: RateMode])[]
}

/**
 * The demo wallet's cross-chain book, at the devnet's prices (marketParams36.ts:
 * ETH 3,000, BTC 90,000, cbETH 1.12 ETH; ARB 1.126 from its 2023 snapshot):
 * - l1 (v3.6): several collaterals (WETH LT 83%, WBTC LT 78%), USDC and WETH debt:
 *   HF ≈ (10·3000·0.83 + 0.2·90000·0.78) / (25,000 + 2·3000) ≈ 1.26.
 * - arb (v3.0.2): WETH and ARB against USDC, variable and stable:
 *   HF ≈ (3·3000·0.85 + 2000·1.126·0.60) / 3000 ≈ 3.0 (LTs of its 2023 snapshot).
 * - base (v3.6): eMode 1 "ETH correlated" (LT 93%), cbETH collateral against WETH debt,
 *   both ETH-correlated: HF ≈ 10·1.12·0.93 / 7.5 ≈ 1.39.
 */
export const DEMO_BOOKS: Readonly<Record<string, SeedBook>> = {
  'devnet-l1': {
    account: DEVNET_ACCOUNTS.demo,
    supply: [
      ['WETH', '10'],
      ['WBTC', '0.2'],
    ],
    // WETH debt: short ETH here, long ETH on the replayed Hyperliquid perp
    borrow: [
      ['USDC', '25000', 'variable'],
      ['WETH', '2', 'variable'],
    ],
  },
  'devnet-arb': {
    account: DEVNET_ACCOUNTS.demo,
    supply: [
      ['WETH', '3'],
      ['ARB', '2000'],
    ],
    borrow: [
      ['USDC', '2500', 'variable'],
      ['USDC', '500', 'stable'],
    ],
  },
  'devnet-base': {
    account: DEVNET_ACCOUNTS.demo,
    eMode: 1,
    supply: [['cbETH', '10']],
    borrow: [['WETH', '7.5', 'variable']],
  },
}

/** Liquidity every market's borrowers draw on, by symbol (decimal amounts, under each supply cap). */
const LIQUIDITY: Readonly<Record<string, string>> = {
  WETH: '2000',
  WBTC: '100',
  USDC: '5000000',
  wstETH: '1000',
  cbETH: '300',
  ARB: '2000000',
  weETH: '1000',
  rsETH: '1000',
  USDT: '5000000',
  DAI: '5000000',
  sDAI: '1000000',
}

/** Amount of each asset minted to the liquidator (decimal). */
const LIQUIDATOR_FUNDS: Readonly<Record<string, string>> = {
  WETH: '10000',
  WBTC: '500',
  USDC: '50000000',
  wstETH: '5000',
  cbETH: '5000',
  ARB: '50000000',
  weETH: '5000',
  rsETH: '5000',
  USDT: '50000000',
  DAI: '50000000',
  sDAI: '50000000',
}

/**
 * Seeds one market: liquidity from the liquidity provider, funds for the
 * liquidator, then the given books in order.
 * @throws DevnetError when a book names an asset the market does not list.
 */
export async function seedMarket(d: Deployer, market: DeployedAaveMarket, books: readonly SeedBook[]): Promise<void> {
  const actions = new AaveDevnetActions(d, market.pool)
  const asset = (symbol: string): DevnetAsset => {
    const r = market.reserves.find((x) => x.symbol === symbol)
    if (!r) throw new DevnetError(`Seed book names ${symbol}, which chain ${d.chain.id} does not list.`)
    return { symbol: r.symbol, address: r.asset, decimals: r.decimals }
  }
  for (const r of market.reserves) {
    const a = asset(r.symbol)
    await actions.supply(a, DEVNET_ACCOUNTS.liquidityProvider, units(LIQUIDITY[r.symbol] ?? '1000', a.decimals))
    await actions.mint(a, DEVNET_ACCOUNTS.liquidator, units(LIQUIDATOR_FUNDS[r.symbol] ?? '1000000', a.decimals))
  }
  for (const book of books) {
    if (book.eMode) await actions.setEMode(book.account, book.eMode)
    for (const [symbol, amount] of book.supply) {
      const a = asset(symbol)
      await actions.supply(a, book.account, units(amount, a.decimals))
    }
    for (const [symbol, amount, mode] of book.borrow ?? []) {
      const a = asset(symbol)
      await actions.borrow(a, book.account, units(amount, a.decimals), mode)
    }
  }
}

