import { getAddress, type Address, type Hex } from 'viem'
import { z } from 'zod'

/** An EVM address in any case, checksummed (EIP-55) once parsed. */
export const addressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, { error: 'expected 0x followed by 40 hex characters' })
  .transform((a) => getAddress(a) as Address)

/** A 32-byte hex value (ids, hashes), as sent. */
export const bytes32Schema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, { error: 'expected 0x followed by 64 hex characters' })
  .transform((s) => s as Hex)
