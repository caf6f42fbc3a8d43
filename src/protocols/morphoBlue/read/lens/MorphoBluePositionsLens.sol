// SPDX-License-Identifier: GPL-2.0-or-later
pragma solidity 0.8.19;

/// @dev Morpho Blue's `position(Id, address)` getter (morpho-org/morpho-blue src/interfaces/IMorpho.sol, IMorphoStaticTyping).
interface IMorphoBluePositions {
    function position(bytes32 id, address user) external view returns (uint256 supplyShares, uint128 borrowShares, uint128 collateral);
}

/// @title MorphoBluePositionsLens
/// @notice A deployless lens: never deployed, it runs as the creation code of one `eth_call` (no `to`),
/// with its constructor arguments appended. The constructor reads `position(ids[i], user)` on `morpho`
/// for every id and returns, in place of runtime code, `abi.encode(uint256[] indexes)`: the indexes in
/// `ids` of the markets where `user` has supply shares, borrow shares or collateral.
contract MorphoBluePositionsLens {
    constructor(address morpho, address user, bytes32[] memory ids) {
        uint256[] memory found = new uint256[](ids.length);
        uint256 n;
        for (uint256 i; i < ids.length; ++i) {
            (uint256 supplyShares, uint128 borrowShares, uint128 collateral) = IMorphoBluePositions(morpho).position(ids[i], user);
            if (supplyShares != 0 || borrowShares != 0 || collateral != 0) found[n++] = i;
        }
        assembly {
            mstore(found, n)
        }
        bytes memory out = abi.encode(found);
        assembly {
            return(add(out, 32), mload(out))
        }
    }
}
