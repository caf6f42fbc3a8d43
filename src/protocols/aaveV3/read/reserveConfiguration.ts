/**
 * Decoded Aave V3 reserve configuration bitmap (ReserveConfiguration.sol, v3.0):
 * bits 0–15 LTV, 16–31 liquidation threshold, 32–47 liquidation bonus (bps),
 * 48–55 decimals, 56 active, 57 frozen, 58 borrowing, 59 stable borrowing,
 * 60 paused, 61 borrowable in isolation, 62 siloed borrowing, 64–79 reserve
 * factor, 80–115 borrow cap, 116–151 supply cap (whole tokens), 152–167
 * liquidation protocol fee (bps of the bonus), 168–175 eMode
 * category, 212–251 debt ceiling (2 decimals).
 */
export type ReserveConfiguration = {
  readonly ltvBps: bigint
  readonly liquidationThresholdBps: bigint
  readonly liquidationBonusBps: bigint
  readonly decimals: number
  readonly active: boolean
  readonly frozen: boolean
  readonly borrowingEnabled: boolean
  readonly stableBorrowingEnabled: boolean
  readonly paused: boolean
  readonly borrowableInIsolation: boolean
  readonly siloedBorrowing: boolean
  readonly reserveFactorBps: bigint
  readonly borrowCap: bigint
  readonly supplyCap: bigint
  readonly liquidationProtocolFeeBps: bigint
  readonly eModeCategory: number
  readonly debtCeiling: bigint
}

const bits = (data: bigint, from: number, width: number) => (data >> BigInt(from)) & ((1n << BigInt(width)) - 1n)

/** Decodes the bitmap `ReserveConfigurationMap.data`. */
export function decodeReserveConfiguration(data: bigint): ReserveConfiguration {
  return {
    ltvBps: bits(data, 0, 16),
    liquidationThresholdBps: bits(data, 16, 16),
    liquidationBonusBps: bits(data, 32, 16),
    decimals: Number(bits(data, 48, 8)),
    active: bits(data, 56, 1) === 1n,
    frozen: bits(data, 57, 1) === 1n,
    borrowingEnabled: bits(data, 58, 1) === 1n,
    stableBorrowingEnabled: bits(data, 59, 1) === 1n,
    paused: bits(data, 60, 1) === 1n,
    borrowableInIsolation: bits(data, 61, 1) === 1n,
    siloedBorrowing: bits(data, 62, 1) === 1n,
    reserveFactorBps: bits(data, 64, 16),
    borrowCap: bits(data, 80, 36),
    supplyCap: bits(data, 116, 36),
    liquidationProtocolFeeBps: bits(data, 152, 16),
    eModeCategory: Number(bits(data, 168, 8)),
    debtCeiling: bits(data, 212, 40),
  }
}

/** User configuration bitmap (UserConfiguration.sol): bit 2i borrowing, bit 2i+1 collateral, for reserve id i. */
export function decodeUserConfiguration(data: bigint, reserveId: number): { borrowing: boolean; usingAsCollateral: boolean } {
  return {
    borrowing: ((data >> BigInt(reserveId * 2)) & 1n) === 1n,
    usingAsCollateral: ((data >> BigInt(reserveId * 2 + 1)) & 1n) === 1n,
  }
}
