import { parseUnits, type Address } from 'viem'
import { DevnetError } from '../../../errors/index.js'
import { DEVNET_ACCOUNTS } from '../../../devnet/accounts.js'
import type { Deployer } from '../../../devnet/deployer.js'
import { MorphoDevnetActions, type DeployedMorphoBlue } from './deployMorphoBlue.js'

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
  morpho: DeployedMorphoBlue,
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
