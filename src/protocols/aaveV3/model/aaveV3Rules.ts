import { mulDivCeil, percentMul, WAD } from '../../../math/fixedPoint.js'
import type { AaveV3VenueDetails, LiquidationGate } from './details.js'
import type { AaveV3AccountData, AaveV3ReserveFigures } from './computeAaveV3AccountData.js'
import type { AaveV3AccountState, AaveV3LogicVersion, AaveV3SentinelState } from './types.js'

/** LiquidationLogic.CLOSE_FACTOR_HF_THRESHOLD and ValidationLogic.MINIMUM_HEALTH_FACTOR_LIQUIDATION_THRESHOLD: 0.95, WAD. */
export const CLOSE_FACTOR_HF_THRESHOLD = (95n * WAD) / 100n

/** LiquidationLogic.MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD (v3.3+, 2000e8): $2,000 in base currency, USD·1e8. */
export const MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = 2_000n * 10n ** 8n

/** LiquidationLogic.MIN_LEFTOVER_BASE (v3.3+): half of MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD, $1,000, USD·1e8. */
export const MIN_LEFTOVER_BASE = MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD / 2n

/** LiquidationLogic.DEFAULT_LIQUIDATION_CLOSE_FACTOR: 50%, bps. */
const DEFAULT_LIQUIDATION_CLOSE_FACTOR_BPS = 5_000n

/**
 * Which cap limited the debt one liquidation call may repay in a debt reserve:
 * `FULL_RESERVE_DEBT` all of it; `HALF_OF_RESERVE_DEBT` 50% of it (v3.0–v3.2,
 * HF > 0.95); `HALF_OF_TOTAL_DEBT` 50% of the account's total debt in base
 * currency converted to the debt asset (v3.3+, HF > 0.95, both positions ≥ $2,000,
 * and the reserve's debt worth more than that half).
 */
export type AaveV3CloseFactorRule = 'FULL_RESERVE_DEBT' | 'HALF_OF_RESERVE_DEBT' | 'HALF_OF_TOTAL_DEBT'

/** One collateral/debt pair's close factor: the rule, its factor in bps (10_000 or 5_000) and the debt it lets one call repay, debt token units. */
export type AaveV3PairCloseFactor = {
  readonly rule: AaveV3CloseFactorRule
  readonly closeFactorBps: bigint
  readonly maxLiquidatableDebt: bigint
}

/**
 * The borrower's side of one collateral/debt pair as LiquidationLogic reads it.
 * Token amounts in token units (the debt as the debt token's balanceOf at the
 * call: v3.6+ rayMulCeil, v3.0 half-up plus stable debt; the collateral as the
 * aToken's, v3.6+ rayMulFloor); prices USD·1e8 from the oracle; HF WAD;
 * `totalDebtBase` GenericLogic's total debt, USD·1e8.
 */
export type AaveV3PairPosition = {
  readonly version: AaveV3LogicVersion
  readonly healthFactorWad: bigint
  readonly totalDebtBase: bigint
  readonly reserveDebt: bigint
  readonly debtPriceE8: bigint
  readonly debtDecimals: number
  readonly collateralBalance: bigint
  readonly collateralPriceE8: bigint
  readonly collateralDecimals: number
}

/**
 * The most debt one liquidation call may repay in the debt reserve, for one
 * collateral/debt pair, integer exact, by the version's rule
 * (aaveV30PairCloseFactor on v3.0, aaveV33PairCloseFactor on v3.6/v3.7).
 */
export function aaveV3PairCloseFactor(p: AaveV3PairPosition): AaveV3PairCloseFactor {
  return p.version === '3.0' ? aaveV30PairCloseFactor(p.healthFactorWad, p.reserveDebt) : aaveV33PairCloseFactor(p)
}

/**
 * Close factor of Aave v3.0–v3.2 (aave-v3-core v1.19 LiquidationLogic._calculateDebt):
 * percentMul(reserveDebt, 50%) while HF > 0.95, all of it at or below.
 * `healthFactorWad` WAD; `reserveDebt` variable + stable debt, token units.
 */
export function aaveV30PairCloseFactor(healthFactorWad: bigint, reserveDebt: bigint): AaveV3PairCloseFactor {
  if (healthFactorWad <= CLOSE_FACTOR_HF_THRESHOLD) return { rule: 'FULL_RESERVE_DEBT', closeFactorBps: 10_000n, maxLiquidatableDebt: reserveDebt }
  return { rule: 'HALF_OF_RESERVE_DEBT', closeFactorBps: DEFAULT_LIQUIDATION_CLOSE_FACTOR_BPS, maxLiquidatableDebt: percentMul(reserveDebt, DEFAULT_LIQUIDATION_CLOSE_FACTOR_BPS) }
}

/**
 * Close factor of Aave v3.3+ for one pair (aave-v3-origin v3.6.0
 * LiquidationLogic.executeLiquidationCall; unchanged in v3.7,
 * docs/3.7/Aave-v3.7-changelog.md: "The close-factor computation in
 * executeLiquidationCall still uses the half-up percentMul"): all of the
 * reserve's debt, unless the collateral position ⌊balance·price/unit⌋ ≥ $2,000,
 * the debt position mulDivCeil(debt, price, unit) ≥ $2,000 (USD·1e8) and
 * HF > 0.95; then, when the debt position exceeds
 * half = percentMul(totalDebtBase, 50%), ⌊half·10^decimals / debtPrice⌋ debt token units.
 */
export function aaveV33PairCloseFactor(p: Omit<AaveV3PairPosition, 'version'>): AaveV3PairCloseFactor {
  const full: AaveV3PairCloseFactor = { rule: 'FULL_RESERVE_DEBT', closeFactorBps: 10_000n, maxLiquidatableDebt: p.reserveDebt }
  const debtUnit = 10n ** BigInt(p.debtDecimals)
  // token units · USD 1e8 / 10^decimals = USD 1e8: debt rounded up, collateral down (v3.5+)
  const debtBase = mulDivCeil(p.reserveDebt, p.debtPriceE8, debtUnit)
  const collateralBase = (p.collateralBalance * p.collateralPriceE8) / 10n ** BigInt(p.collateralDecimals)
  if (collateralBase < MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD || debtBase < MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD || p.healthFactorWad <= CLOSE_FACTOR_HF_THRESHOLD) return full
  const halfOfTotalBase = percentMul(p.totalDebtBase, DEFAULT_LIQUIDATION_CLOSE_FACTOR_BPS)
  if (debtBase <= halfOfTotalBase) return full
  return { rule: 'HALF_OF_TOTAL_DEBT', closeFactorBps: DEFAULT_LIQUIDATION_CLOSE_FACTOR_BPS, maxLiquidatableDebt: (halfOfTotalBase * debtUnit) / p.debtPriceE8 }
}

/**
 * The sentinel's gate at `timestamp`, as PriceOracleSentinel._isUpAndGracePeriodPassed:
 * allowed ⇔ sequencer answer 0 (up) and timestamp − updatedAt > grace period.
 * The same rule gates borrows (isBorrowAllowed) and liquidations (isLiquidationAllowed).
 */
export function aaveV3LiquidationGate(s: AaveV3SentinelState, timestamp: bigint): LiquidationGate {
  const up = s.sequencerAnswer === 0n
  const allowed = up && timestamp - s.sequencerUpdatedAt > s.gracePeriodSeconds
  return {
    sentinel: s.sentinel,
    sequencerOracle: s.sequencerOracle,
    sequencerUp: up,
    sequencerUpdatedAt: s.sequencerUpdatedAt,
    gracePeriodSeconds: s.gracePeriodSeconds,
    liquidationAllowed: allowed,
    borrowAllowed: allowed,
    reason: allowed ? null : up ? 'GRACE_PERIOD' : 'SEQUENCER_DOWN',
    allowedFrom: up ? s.sequencerUpdatedAt + s.gracePeriodSeconds + 1n : null,
  }
}

/**
 * Whether the sentinel refuses a liquidation call at `healthFactorWad` (WAD; null = no debt):
 * ValidationLogic.validateLiquidationCall (v3.0.2, v3.6.0) requires its consent unless HF < 0.95;
 * v3.7 removed the sentinel (docs/3.7/sentinel-removal.md), so it never refuses there.
 */
export function isAaveV3SentinelRefusing(version: AaveV3LogicVersion, healthFactorWad: bigint | null, gate: LiquidationGate | null): boolean {
  if (version === '3.7' || gate === null || gate.liquidationAllowed) return false
  return healthFactorWad === null || healthFactorWad >= CLOSE_FACTOR_HF_THRESHOLD
}

/**
 * Whether a liquidation grace period holds a reserve at `timestamp` (unix s):
 * ValidationLogic.validateLiquidationCall (v3.1+) allows liquidations only once
 * `liquidationGracePeriodUntil < block.timestamp`, for the collateral and the debt reserve alike.
 */
export function isAaveV3InLiquidationGracePeriod(reserve: { readonly liquidationGracePeriodUntil: bigint }, timestamp: bigint): boolean {
  return reserve.liquidationGracePeriodUntil >= timestamp
}

/**
 * Whether a liquidatable account (HF < 1, WAD) can be liquidated by no call now: the
 * sentinel refuses (isAaveV3SentinelRefusing), or every collateral reserve the
 * user has enabled, or every reserve it borrows, is in its liquidation grace
 * period (so no collateral/debt pair passes ValidationLogic.validateLiquidationCall).
 */
export function isAaveV3LiquidationBlocked(state: AaveV3AccountState, healthFactorWad: bigint | null, gate: LiquidationGate | null): boolean {
  if (healthFactorWad === null || healthFactorWad >= WAD) return false
  if (isAaveV3SentinelRefusing(state.version, healthFactorWad, gate)) return true
  const reserveOf = (id: number) => state.reserves.find((r) => r.id === id)
  const open = (id: number) => {
    const r = reserveOf(id)
    return r !== undefined && !isAaveV3InLiquidationGracePeriod(r, state.timestamp)
  }
  const collaterals = state.userReserves.filter((u) => u.usingAsCollateral && u.scaledATokenBalance > 0n)
  const debts = state.userReserves.filter((u) => u.borrowing)
  return !collaterals.some((u) => open(u.reserveId)) || !debts.some((u) => open(u.reserveId))
}

/**
 * Isolation mode, siloed borrowing and caps of an account
 * (UserConfiguration.getIsolationModeState: exactly one collateral, with a
 * debt ceiling; getSiloedBorrowingState: borrowing one siloed asset).
 */
export function aaveV3Details(state: AaveV3AccountState, data: AaveV3AccountData, gate: LiquidationGate | null): AaveV3VenueDetails {
  const collaterals = state.userReserves.filter((u) => u.usingAsCollateral)
  const only = collaterals.length === 1 ? state.reserves.find((r) => r.id === collaterals[0]!.reserveId) : undefined
  const borrowed = state.userReserves.filter((u) => u.borrowing).map((u) => state.reserves.find((r) => r.id === u.reserveId)!)
  const siloed = borrowed.length === 1 && borrowed[0]!.siloedBorrowing ? borrowed[0]!.symbol : null
  return {
    eModeCategory: state.userEModeCategory,
    eModeLabel: state.eModeCategory?.label ?? null,
    isolationMode:
      only && only.debtCeiling > 0n
        ? {
            collateral: only.symbol,
            // Aave stores debt ceilings and isolated debt in USD with 2 decimals
            debtCeilingUsd: Number(only.debtCeiling) / 100,
            isolationModeTotalDebtUsd: Number(only.isolationModeTotalDebt) / 100,
          }
        : null,
    siloedBorrowing: siloed,
    reserveCaps: data.reserves.map((f) => ({ symbol: f.reserve.symbol, supplyCap: f.reserve.supplyCap, borrowCap: f.reserve.borrowCap })),
    liquidationGate: gate,
  }
}

/**
 * The venue's close factor: the share of its debt position one liquidation
 * call may repay, for the pair a liquidator takes first (the largest
 * collateral and the largest debt by base value, USD·1e8), by the version's
 * per-pair rule (aaveV3PairCloseFactor): 1 or 0.5 by rule, or under v3.3+'s
 * half-of-total-debt cap the cap over the reserve's debt. 1 without debt or
 * without a collateral/debt pair. Balances (token units) and prices (USD·1e8)
 * are the account data's, as computeAaveV3AccountData reads them for the version.
 */
export function aaveV3VenueCloseFactor(state: AaveV3AccountState, data: AaveV3AccountData): number {
  if (data.healthFactorWad === null) return 1
  const enabled = new Set(state.userReserves.filter((u) => u.usingAsCollateral).map((u) => u.reserveId))
  const largest = (figures: AaveV3ReserveFigures[], value: (f: AaveV3ReserveFigures) => bigint) =>
    figures.reduce<AaveV3ReserveFigures | undefined>((best, f) => (best === undefined || value(f) > value(best) ? f : best), undefined)
  const coll = largest(data.reserves.filter((f) => enabled.has(f.reserve.id) && f.supplied > 0n), (f) => f.collateralBase)
  const debt = largest(data.reserves.filter((f) => f.variableDebt + f.stableDebt > 0n), (f) => f.debtBase)
  if (!coll || !debt) return 1
  const reserveDebt = debt.variableDebt + debt.stableDebt
  const pair = aaveV3PairCloseFactor({
    version: state.version,
    healthFactorWad: data.healthFactorWad,
    totalDebtBase: data.totalDebtBase,
    reserveDebt,
    debtPriceE8: debt.priceE8,
    debtDecimals: debt.reserve.decimals,
    collateralBalance: coll.supplied,
    collateralPriceE8: coll.priceE8,
    collateralDecimals: coll.reserve.decimals,
  })
  return pair.rule === 'HALF_OF_TOTAL_DEBT' ? Number(pair.maxLiquidatableDebt) / Number(reserveDebt) : Number(pair.closeFactorBps) / 1e4
}
