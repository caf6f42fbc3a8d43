/**
 * The Aave V3 (v3.0.x) functions xmargin reads, as const ABIs for viem's types.
 * Signatures from aave-v3-core v1.19 (IPool, IAaveOracle, IScaledBalanceToken,
 * IStableDebtToken); the shared ones (ERC-20, feeds, Multicall3) are in src/read/abi.ts.
 */
export const poolAbi = [
  { type: 'function', name: 'getReservesList', stateMutability: 'view', inputs: [], outputs: [{ type: 'address[]' }] },
  {
    type: 'function',
    name: 'getReserveData',
    stateMutability: 'view',
    inputs: [{ name: 'asset', type: 'address' }],
    outputs: [
      {
        type: 'tuple',
        components: [
          { name: 'configuration', type: 'tuple', components: [{ name: 'data', type: 'uint256' }] },
          { name: 'liquidityIndex', type: 'uint128' },
          { name: 'currentLiquidityRate', type: 'uint128' },
          { name: 'variableBorrowIndex', type: 'uint128' },
          { name: 'currentVariableBorrowRate', type: 'uint128' },
          { name: 'currentStableBorrowRate', type: 'uint128' },
          { name: 'lastUpdateTimestamp', type: 'uint40' },
          { name: 'id', type: 'uint16' },
          { name: 'aTokenAddress', type: 'address' },
          { name: 'stableDebtTokenAddress', type: 'address' },
          { name: 'variableDebtTokenAddress', type: 'address' },
          { name: 'interestRateStrategyAddress', type: 'address' },
          { name: 'accruedToTreasury', type: 'uint128' },
          { name: 'unbacked', type: 'uint128' },
          { name: 'isolationModeTotalDebt', type: 'uint128' },
        ],
      },
    ],
  },
  {
    type: 'function',
    name: 'getUserConfiguration',
    stateMutability: 'view',
    inputs: [{ name: 'user', type: 'address' }],
    outputs: [{ type: 'tuple', components: [{ name: 'data', type: 'uint256' }] }],
  },
  {
    type: 'function',
    name: 'getUserEMode',
    stateMutability: 'view',
    inputs: [{ name: 'user', type: 'address' }],
    outputs: [{ type: 'uint256' }],
  },
  {
    type: 'function',
    name: 'getEModeCategoryData',
    stateMutability: 'view',
    inputs: [{ name: 'id', type: 'uint8' }],
    outputs: [
      {
        type: 'tuple',
        components: [
          { name: 'ltv', type: 'uint16' },
          { name: 'liquidationThreshold', type: 'uint16' },
          { name: 'liquidationBonus', type: 'uint16' },
          { name: 'priceSource', type: 'address' },
          { name: 'label', type: 'string' },
        ],
      },
    ],
  },
] as const

/**
 * Pool views of v3.2+ (liquid eModes: members as uint128 bitmaps over reserve
 * ids), v3.1+ (liquidation grace period, unix seconds), v3.3+ (reserve
 * deficit, token units) and v3.6 (the per-category LTV-zero bitmap), from
 * aave-v3-origin IPool at v3.6.0; `POOL_REVISION` is each implementation's constant.
 */
export const poolV36Abi = [
  { type: 'function', name: 'getEModeCategoryCollateralConfig', stateMutability: 'view', inputs: [{ name: 'id', type: 'uint8' }], outputs: [{ type: 'tuple', components: [{ name: 'ltv', type: 'uint16' }, { name: 'liquidationThreshold', type: 'uint16' }, { name: 'liquidationBonus', type: 'uint16' }] }] },
  { type: 'function', name: 'getEModeCategoryLabel', stateMutability: 'view', inputs: [{ name: 'id', type: 'uint8' }], outputs: [{ type: 'string' }] },
  { type: 'function', name: 'getEModeCategoryCollateralBitmap', stateMutability: 'view', inputs: [{ name: 'id', type: 'uint8' }], outputs: [{ type: 'uint128' }] },
  { type: 'function', name: 'getEModeCategoryBorrowableBitmap', stateMutability: 'view', inputs: [{ name: 'id', type: 'uint8' }], outputs: [{ type: 'uint128' }] },
  { type: 'function', name: 'getEModeCategoryLtvzeroBitmap', stateMutability: 'view', inputs: [{ name: 'id', type: 'uint8' }], outputs: [{ type: 'uint128' }] },
  { type: 'function', name: 'getLiquidationGracePeriod', stateMutability: 'view', inputs: [{ name: 'asset', type: 'address' }], outputs: [{ type: 'uint40' }] },
  { type: 'function', name: 'getReserveDeficit', stateMutability: 'view', inputs: [{ name: 'asset', type: 'address' }], outputs: [{ type: 'uint256' }] },
  { type: 'function', name: 'POOL_REVISION', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint256' }] },
  // v3.7 (docs/3.7/isolated-emode.md, IPool changelog): whether a category is isolated
  { type: 'function', name: 'getIsEModeCategoryIsolated', stateMutability: 'view', inputs: [{ name: 'id', type: 'uint8' }], outputs: [{ type: 'bool' }] },
] as const

export const poolAddressesProviderAbi = [
  { type: 'function', name: 'getPriceOracleSentinel', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
] as const

export const poolProviderGetterAbi = [
  { type: 'function', name: 'ADDRESSES_PROVIDER', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
] as const

export const priceOracleSentinelAbi = [
  { type: 'function', name: 'getSequencerOracle', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
  { type: 'function', name: 'getGracePeriod', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint256' }] },
] as const

export const aaveOracleAbi = [
  {
    type: 'function',
    name: 'getAssetsPrices',
    stateMutability: 'view',
    inputs: [{ name: 'assets', type: 'address[]' }],
    outputs: [{ type: 'uint256[]' }],
  },
  {
    type: 'function',
    name: 'getAssetPrice',
    stateMutability: 'view',
    inputs: [{ name: 'asset', type: 'address' }],
    outputs: [{ type: 'uint256' }],
  },
  {
    type: 'function',
    name: 'getSourceOfAsset',
    stateMutability: 'view',
    inputs: [{ name: 'asset', type: 'address' }],
    outputs: [{ type: 'address' }],
  },
] as const

export const scaledBalanceTokenAbi = [
  {
    type: 'function',
    name: 'scaledBalanceOf',
    stateMutability: 'view',
    inputs: [{ name: 'user', type: 'address' }],
    outputs: [{ type: 'uint256' }],
  },
] as const

export const stableDebtTokenAbi = [
  {
    type: 'function',
    name: 'principalBalanceOf',
    stateMutability: 'view',
    inputs: [{ name: 'user', type: 'address' }],
    outputs: [{ type: 'uint256' }],
  },
  {
    type: 'function',
    name: 'getUserStableRate',
    stateMutability: 'view',
    inputs: [{ name: 'user', type: 'address' }],
    outputs: [{ type: 'uint256' }],
  },
  {
    type: 'function',
    name: 'getUserLastUpdated',
    stateMutability: 'view',
    inputs: [{ name: 'user', type: 'address' }],
    outputs: [{ type: 'uint40' }],
  },
] as const
