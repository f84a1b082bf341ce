// One configured secret, a separate key per use (HKDF-SHA256 with a label each), so that a leak of one
// key (a CSRF token's key, say) cannot forge the others (session tokens, rating codes).
import { hkdfSync } from 'node:crypto';

type KeyPurpose =
  | 'session-tokens'
  | 'csrf-tokens'
  | 'rating-codes'
  | 'party-codes'
  | 'second-factor-secrets'
  | 'second-factor-challenges'
  | 'recovery-codes';

const SALT = 'mediation-platform/v1';

/** The 32-byte key for one purpose, derived from the application secret. */
export function derivedKey(secret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, SALT, purpose, 32));
}
