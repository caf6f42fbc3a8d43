import { maxUint256, parseUnits, type Address } from 'viem'
import { loadArtifact } from './aaveArtifacts.js'
import type { Deployer } from '../../../devnet/deployer.js'

const poolAbi = loadArtifact('@aave/core-v3', 'protocol/pool/Pool.sol/Pool').abi
const tokenAbi = loadArtifact('@aave/core-v3', 'mocks/tokens/MintableERC20.sol/MintableERC20').abi

/** An asset of a deployed devnet market. */
export type DevnetAsset = { symbol: string; address: Address; decimals: number }

/** Interest rate mode of Aave V3 borrow: 1 stable, 2 variable (DataTypes.InterestRateMode). */
export type RateMode = 'stable' | 'variable'

/** Wallet actions on a devnet Aave market, sent from unlocked accounts. */
export class AaveDevnetActions {
  constructor(
    readonly d: Deployer,
    readonly pool: Address,
  ) {}

  /** Mints `amount` (token units) to `account` (MintableERC20.mint is open on the devnet). */
  async mint(asset: DevnetAsset, account: Address, amount: bigint): Promise<void> {
    await this.d.send(asset.address, tokenAbi, 'mint' as never, [account, amount] as never, account)
  }

  /** Mints, approves the Pool without limit, and supplies `amount` (token units). */
  async supply(asset: DevnetAsset, account: Address, amount: bigint): Promise<void> {
    await this.mint(asset, account, amount)
    await this.d.send(asset.address, tokenAbi, 'approve' as never, [this.pool, maxUint256] as never, account)
    await this.d.send(this.pool, poolAbi, 'supply' as never, [asset.address, amount, account, 0] as never, account)
  }

  /** Borrows `amount` (token units) at the given rate mode. */
  async borrow(asset: DevnetAsset, account: Address, amount: bigint, mode: RateMode): Promise<void> {
    const rateMode = mode === 'stable' ? 1n : 2n
    await this.d.send(this.pool, poolAbi, 'borrow' as never, [asset.address, amount, rateMode, 0, account] as never, account)
  }

  /** Enables or disables a supplied asset as collateral. */
  async setCollateral(asset: DevnetAsset, account: Address, enabled: boolean): Promise<void> {
    await this.d.send(this.pool, poolAbi, 'setUserUseReserveAsCollateral' as never, [asset.address, enabled] as never, account)
  }

  /** Enters an eMode category (0 leaves eMode). */
  async setEMode(account: Address, categoryId: number): Promise<void> {
    await this.d.send(this.pool, poolAbi, 'setUserEMode' as never, [categoryId] as never, account)
  }
}

/** Token units from a decimal string, e.g. `units('1.5', 18)`. */
export function units(amount: string, decimals: number): bigint {
  return parseUnits(amount, decimals)
}
