// SPDX-License-Identifier: MIT
pragma solidity 0.8.19;

import {IOracle} from "../src/interfaces/IOracle.sol";

/// @title DevnetFixedPriceOracle
/// @notice Morpho Blue oracle for the xmargin devnet that answers a price set
/// at deployment and reads no feed: the kind of oracle (a fixed-rate or
/// custom adapter) whose price a reader cannot trace to USD feeds. Like
/// Morpho's OracleMock, but immutable.
contract DevnetFixedPriceOracle is IOracle {
  /// @notice Value of 1 collateral unit in loan units, scaled by 1e36.
  uint256 public immutable PRICE;

  constructor(uint256 price_) {
    PRICE = price_;
  }

  /// @notice Value of 1 collateral unit in loan units, scaled by 1e36.
  function price() external view returns (uint256) {
    return PRICE;
  }
}
