import { parseUnits } from 'viem'
import type { VenueAction } from '../../../domain/simulation.js'
import { InvalidArgumentError } from '../../../errors/index.js'
import { MarketUtils } from '@morpho-org/blue-sdk'
import { applyMoves, type PriceMoves } from '../../../risk/shock.js'
import { accrueMorphoBlueInterest, computeMorphoBluePosition } from './computeMorphoBluePosition.js'
import { morphoOraclePriceUnderMoves } from './morphoBlueShock.js'
import type { MorphoBlueAccountState } from './types.js'

/**
 * The position after hypothetical actions, with interest accrued to the
 * state's timestamp first (as every Morpho entry point does): collateral
 * supplied/withdrawn as is; borrow adds toSharesUp(assets), repay removes
 * toSharesDown(assets) (Morpho.borrow/repay; conversions by
 * @morpho-org/blue-sdk MarketUtils); a lender's supply and withdraw move
 * supply shares likewise. Warnings name what Morpho would refuse.
 * @throws InvalidArgumentError for an asset that is neither of the market's tokens, a bad amount, or more than held.
 */
export function applyMorphoBlueActions(state: MorphoBlueAccountState, actions: readonly VenueAction[]): { state: MorphoBlueAccountState; warnings: string[] } {
  const market = accrueMorphoBlueInterest(state.market, state.borrowRate, state.timestamp, state.params.irm !== '0x0000000000000000000000000000000000000000')
  let s: MorphoBlueAccountState = { ...state, market }
  const warnings: string[] = []
  for (const a of actions) {
    const isColl = a.asset === s.collateralAsset.symbol
    const isLoan = a.asset === s.loanAsset.symbol
    if (!isColl && !isLoan) throw new InvalidArgumentError('actions', `${a.asset.slice(0, 32)} is neither token of ${a.venueId}.`)
    let amount: bigint
    try {
      amount = parseUnits(a.amount, isColl ? s.collateralAsset.decimals : s.loanAsset.decimals)
    } catch {
      throw new InvalidArgumentError('actions', `"${a.amount.slice(0, 32)}" is not a decimal amount of ${a.asset.slice(0, 32)}.`)
    }
    if (amount <= 0n) throw new InvalidArgumentError('actions', 'amounts must be positive.')
    const m = s.market
    const p = s.position
    if (isColl && (a.kind === 'BORROW' || a.kind === 'REPAY')) throw new InvalidArgumentError('actions', `${a.venueId} lends ${s.loanAsset.symbol}, not ${a.asset.slice(0, 32)}.`)
    if (a.kind === 'SUPPLY' && isColl) s = { ...s, position: { ...p, collateral: p.collateral + amount } }
    else if (a.kind === 'WITHDRAW' && isColl) {
      if (amount > p.collateral) throw new InvalidArgumentError('actions', `withdraws more ${a.asset.slice(0, 32)} than ${a.venueId} holds.`)
      s = { ...s, position: { ...p, collateral: p.collateral - amount } }
    } else if (a.kind === 'SUPPLY') {
      const shares = MarketUtils.toSupplyShares(amount, m, 'Down')
      s = { ...s, position: { ...p, supplyShares: p.supplyShares + shares }, market: { ...m, totalSupplyAssets: m.totalSupplyAssets + amount, totalSupplyShares: m.totalSupplyShares + shares } }
    } else if (a.kind === 'WITHDRAW') {
      const shares = MarketUtils.toSupplyShares(amount, m, 'Up')
      if (shares > p.supplyShares) throw new InvalidArgumentError('actions', `withdraws more ${a.asset.slice(0, 32)} than ${a.venueId} supplied.`)
      s = { ...s, position: { ...p, supplyShares: p.supplyShares - shares }, market: { ...m, totalSupplyAssets: m.totalSupplyAssets - amount, totalSupplyShares: m.totalSupplyShares - shares } }
    } else if (a.kind === 'BORROW') {
      const shares = MarketUtils.toBorrowShares(amount, m, 'Up')
      s = { ...s, position: { ...p, borrowShares: p.borrowShares + shares }, market: { ...m, totalBorrowAssets: m.totalBorrowAssets + amount, totalBorrowShares: m.totalBorrowShares + shares } }
      if (computeMorphoBluePosition(s).liquidatable) warnings.push(`${a.venueId}: borrowing ${a.amount} ${a.asset} leaves the position unhealthy; Morpho would revert (insufficient collateral).`)
    } else {
      const shares = MarketUtils.toBorrowShares(amount, m, 'Down')
      if (shares > p.borrowShares || amount > MarketUtils.toBorrowAssets(p.borrowShares, m, 'Up')) throw new InvalidArgumentError('actions', `repays more than ${a.venueId} owes.`)
      s = { ...s, position: { ...p, borrowShares: p.borrowShares - shares }, market: { ...m, totalBorrowAssets: m.totalBorrowAssets - amount, totalBorrowShares: m.totalBorrowShares - shares } }
    }
  }
  return { state: s, warnings }
}

/** The position with its oracle, feeds and USD prices moved. */
export function moveMorphoBluePrices(state: MorphoBlueAccountState, moves: PriceMoves): MorphoBlueAccountState {
  const m = state.oracleModel
  const move = (a: MorphoBlueAccountState['loanAsset']) => ({ ...a, priceE8: a.priceE8 === null ? null : applyMoves(a.priceE8, a.exposure, moves) })
  return {
    ...state,
    oraclePrice: morphoOraclePriceUnderMoves(state, moves),
    oracleModel:
      m.kind === 'feedRatio'
        ? { ...m, baseAnswer: applyMoves(m.baseAnswer, state.collateralAsset.exposure, moves), quoteAnswer: applyMoves(m.quoteAnswer, state.loanAsset.exposure, moves) }
        : m,
    collateralAsset: move(state.collateralAsset),
    loanAsset: move(state.loanAsset),
  }
}
