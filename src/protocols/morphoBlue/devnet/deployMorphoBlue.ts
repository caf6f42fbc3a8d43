import { getAddress, maxUint256, parseUnits, type Address, type Hex } from 'viem'
import { DevnetError } from '../../../errors/index.js'
import type { DevnetAsset } from '../../../devnet/types.js'
import { devnetTokenAbi as tokenAbi } from '../../../devnet/tokenAbi.js'
import type { Deployer } from '../../../devnet/deployer.js'
import type { MorphoDevnetContracts } from './morphoArtifacts.js'
import type { DevnetMorphoMarketParams } from './morphoMarketParams.js'
import type { PlainMorphoMarket } from './createPlainMorphoMarkets.js'
import { morphoMarketId } from './morphoMarketId.js'

export { morphoMarketId } from './morphoMarketId.js'

/** Seconds in Morpho's interest year (365 days), for per-second rates. */
const SECONDS_PER_YEAR = 31_536_000n

/** A deployed devnet Morpho Blue market. `lltv` WAD. */
export type DeployedMorphoMarket = {
  id: Hex
  label: string
  loanSymbol: string
  collateralSymbol: string
  loanToken: Address
  collateralToken: Address
  oracle: Address
  irm: Address
  lltv: string
  imitates: string
}

/** An unlisted devnet market the demo wallet has a position in: a borrow against collateral, or a lender's supply. */
export type UnlistedDemoMarket = PlainMorphoMarket & { readonly demoPosition: 'borrow' | 'supply' }

/** What the devnet's Morpho step deployed on one chain (saved with the chain's state; keep it small). */
export type DeployedMorphoBlue = {
  morpho: Address
  /** The block of Morpho's deployment receipt: where a scan of its CreateMarket logs starts. */
  deploymentBlock: number
  /** The listed markets (in the chain list file, each imitating a real one). */
  markets: DeployedMorphoMarket[]
  /** Every market created on the chain: the listed ones and the plain ones. */
  marketCount: number
  /** Plain markets (not listed) where the demo wallet has a position. */
  unlistedDemoMarkets: UnlistedDemoMarket[]
}

/** The market parameters of a deployed market, as Morpho's functions take them. */
type MarketParamsOf = Pick<DeployedMorphoMarket, 'loanToken' | 'collateralToken' | 'oracle' | 'irm' | 'lltv'>

/**
 * Deploys Morpho Blue (compiled from its npm source) with one
 * DevnetMorphoOracle per market over the chain's USD feeds (so moving a
 * devnet price moves Aave and Morpho together) and a DevnetCurveIrm per
 * market; enables each IRM and LLTV, creates the markets and supplies the
 * liquidity provider's loan tokens. Returns Morpho, the block it was
 * deployed at and the listed markets.
 * @throws DevnetError when a market names a token the chain does not list, or a transaction reverts.
 */
export async function deployMorphoBlue(
  d: Deployer,
  args: {
    contracts: MorphoDevnetContracts
    /** The chain's tokens and their USD feeds (listed by the steps before). */
    assets: readonly DevnetAsset[]
    markets: readonly DevnetMorphoMarketParams[]
    liquidityProvider: Address
  },
): Promise<Pick<DeployedMorphoBlue, 'morpho' | 'deploymentBlock' | 'markets'>> {
  const { contracts: c } = args
  // deployed here rather than with d.deploy, which keeps only the address: the receipt's block is where Morpho's logs start
  const receipt = await d.receipt(await d.wallet.deployContract({ abi: c.morpho.abi, bytecode: c.morpho.bytecode, args: [d.from] } as never))
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new DevnetError(`Deploying Morpho on chain ${d.chain.id} reverted.`)
  const morpho = getAddress(receipt.contractAddress)
  const token = (symbol: string) => {
    const r = args.assets.find((x) => x.symbol === symbol)
    if (!r) throw new DevnetError(`Morpho market names ${symbol}, which chain ${d.chain.id} does not list.`)
    return r
  }
  const enabledLltvs = new Set<bigint>()
  const markets: DeployedMorphoMarket[] = []
  for (const m of args.markets) {
    const loan = token(m.loanSymbol)
    const coll = token(m.collateralSymbol)
    const oracle = await d.deploy(`${m.label} oracle`, c.morphoOracle.abi, c.morphoOracle.bytecode, [coll.priceFeed, loan.priceFeed, coll.decimals, loan.decimals])
    // rate at target per second, WAD: the APR as a fraction over a 365-day year
    const ratePerSecond = parseUnits(m.rateAtTargetPerYear.toString(), 18) / SECONDS_PER_YEAR
    const irm = await d.deploy(`${m.label} IRM`, c.curveIrm.abi, c.curveIrm.bytecode, [ratePerSecond])
    await d.send(morpho, c.morpho.abi, 'enableIrm' as never, [irm] as never)
    if (!enabledLltvs.has(m.lltv)) {
      await d.send(morpho, c.morpho.abi, 'enableLltv' as never, [m.lltv] as never)
      enabledLltvs.add(m.lltv)
    }
    const params = { loanToken: loan.address, collateralToken: coll.address, oracle, irm, lltv: m.lltv }
    await d.send(morpho, c.morpho.abi, 'createMarket' as never, [params] as never)
    if (m.fee !== 0n) await d.send(morpho, c.morpho.abi, 'setFee' as never, [params, m.fee] as never)
    const liquidity = parseUnits(m.lpSupplyTokens, loan.decimals)
    await d.send(loan.address, tokenAbi, 'mint' as never, [args.liquidityProvider, liquidity] as never, args.liquidityProvider)
    await d.send(loan.address, tokenAbi, 'approve' as never, [morpho, maxUint256] as never, args.liquidityProvider)
    await d.send(morpho, c.morpho.abi, 'supply' as never, [params, liquidity, 0n, args.liquidityProvider, '0x'] as never, args.liquidityProvider)
    markets.push({
      id: morphoMarketId(params),
      label: m.label,
      loanSymbol: m.loanSymbol,
      collateralSymbol: m.collateralSymbol,
      loanToken: loan.address,
      collateralToken: coll.address,
      oracle,
      irm,
      lltv: m.lltv.toString(),
      imitates: `${m.source.marketId} on chain ${m.source.chainId}`,
    })
  }
  return { morpho, deploymentBlock: Number(receipt.blockNumber), markets }
}

/** Wallet actions on the devnet's Morpho Blue, sent from unlocked accounts. Amounts in token units. */
export class MorphoDevnetActions {
  constructor(
    readonly d: Deployer,
    readonly morpho: Address,
    readonly morphoAbi: MorphoDevnetContracts['morpho']['abi'],
  ) {}

  static params(m: MarketParamsOf) {
    return { loanToken: m.loanToken, collateralToken: m.collateralToken, oracle: m.oracle, irm: m.irm, lltv: BigInt(m.lltv) }
  }

  /** Mints and supplies collateral. */
  async supplyCollateral(m: MarketParamsOf, account: Address, amount: bigint): Promise<void> {
    await this.d.send(m.collateralToken, tokenAbi, 'mint' as never, [account, amount] as never, account)
    await this.d.send(m.collateralToken, tokenAbi, 'approve' as never, [this.morpho, maxUint256] as never, account)
    await this.d.send(this.morpho, this.morphoAbi, 'supplyCollateral' as never, [MorphoDevnetActions.params(m), amount, account, '0x'] as never, account)
  }

  /** Borrows `amount` loan token units to the account. */
  async borrow(m: MarketParamsOf, account: Address, amount: bigint): Promise<void> {
    await this.d.send(this.morpho, this.morphoAbi, 'borrow' as never, [MorphoDevnetActions.params(m), amount, 0n, account, account] as never, account)
  }

  /** Mints and supplies loan tokens (a lender position). */
  async supply(m: MarketParamsOf, account: Address, amount: bigint): Promise<void> {
    await this.d.send(m.loanToken, tokenAbi, 'mint' as never, [account, amount] as never, account)
    await this.d.send(m.loanToken, tokenAbi, 'approve' as never, [this.morpho, maxUint256] as never, account)
    await this.d.send(this.morpho, this.morphoAbi, 'supply' as never, [MorphoDevnetActions.params(m), amount, 0n, account, '0x'] as never, account)
  }
}
