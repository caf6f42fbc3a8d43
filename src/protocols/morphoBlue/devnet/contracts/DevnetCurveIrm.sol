// SPDX-License-Identifier: MIT
pragma solidity 0.8.19;

import {IIrm} from "../src/interfaces/IIrm.sol";
import {MarketParams, Market} from "../src/interfaces/IMorpho.sol";

/// @title DevnetCurveIrm
/// @notice Interest rate model for the xmargin devnet's Morpho Blue markets:
/// the curve of Morpho's AdaptiveCurveIrm (morpho-blue-irm
/// AdaptiveCurveIrm._curve) at a fixed rate at target, without the adaptation
/// over time, so the rate depends on utilization only:
///   err = (u - 0.9) / 0.9 below target, (u - 0.9) / 0.1 above (WAD)
///   rate = rateAtTarget * (1 + coeff * err), coeff = 1 - 1/4 below target, 4 - 1 above.
/// Rates are per second, scaled by WAD.
contract DevnetCurveIrm is IIrm {
  int256 private constant WAD = 1e18;
  int256 private constant CURVE_STEEPNESS = 4e18;
  int256 private constant TARGET_UTILIZATION = 0.9e18;

  int256 public immutable RATE_AT_TARGET;

  constructor(int256 rateAtTargetPerSecond) {
    RATE_AT_TARGET = rateAtTargetPerSecond;
  }

  function borrowRateView(MarketParams memory, Market memory market) public view returns (uint256) {
    int256 utilization = market.totalSupplyAssets > 0
      ? int256(uint256(market.totalBorrowAssets) * 1e18 / uint256(market.totalSupplyAssets))
      : int256(0);
    int256 errNormFactor = utilization > TARGET_UTILIZATION ? WAD - TARGET_UTILIZATION : TARGET_UTILIZATION;
    int256 err = (utilization - TARGET_UTILIZATION) * WAD / errNormFactor;
    int256 coeff = err < 0 ? WAD - WAD * WAD / CURVE_STEEPNESS : CURVE_STEEPNESS - WAD;
    return uint256(((coeff * err / WAD) + WAD) * RATE_AT_TARGET / WAD);
  }

  function borrowRate(MarketParams memory marketParams, Market memory market) external view returns (uint256) {
    return borrowRateView(marketParams, market);
  }
}
