// SPDX-License-Identifier: MIT
pragma solidity 0.8.19;

import {IMorpho, MarketParams} from "../src/interfaces/IMorpho.sol";

/// @title DevnetMarketBatchCreator
/// @notice Creates many Morpho Blue markets for the xmargin devnet in a few
/// transactions, and deploys the oracles and IRMs they name at addresses that
/// follow from their init code alone (CREATE2, salt 0, from this contract).
/// Market creation is permissionless; the LLTVs and IRMs must already be
/// enabled by Morpho's owner.
contract DevnetMarketBatchCreator {
  error DeploymentFailed(uint256 index);

  /// @notice Deploys each init code with CREATE2 (salt 0) unless a contract is
  /// already at its address; returns every address, in order.
  function deployAll(bytes[] calldata initCodes) external returns (address[] memory deployed) {
    deployed = new address[](initCodes.length);
    for (uint256 i; i < initCodes.length; ++i) {
      bytes memory code = initCodes[i];
      address predicted =
        address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), bytes32(0), keccak256(code))))));
      if (predicted.code.length == 0) {
        address created;
        assembly {
          created := create2(0, add(code, 0x20), mload(code), 0)
        }
        if (created != predicted) revert DeploymentFailed(i);
      }
      deployed[i] = predicted;
    }
  }

  /// @notice Creates every market (each must not exist yet: Morpho reverts on an existing one).
  function createMarkets(IMorpho morpho, MarketParams[] calldata markets) external {
    for (uint256 i; i < markets.length; ++i) {
      morpho.createMarket(markets[i]);
    }
  }
}
