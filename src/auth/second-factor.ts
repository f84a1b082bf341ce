// The second factor's pure parts (issue 28): TOTP by the `otpauth` library (RFC 6238, SHA-1, 6 digits, 30 s, one
// step either side), the secret sealed at rest (AES-256-GCM bound to the user), recovery codes as keyed hashes.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
/** Codes of the step before and after are accepted too (clocks a little apart). */
const TOTP_WINDOW = 1;
const RECOVERY_CODE_COUNT = 10;
const TOTP_ISSUER = '诉前调解平台';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The time step a code belongs to, if it is valid now (within the window), else undefined. */
export function acceptedStep(secretBase32: string, code: string, nowMs: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor(secretBase32, 'x').validate({ token: code, timestamp: nowMs, window: TOTP_WINDOW });
  if (delta === null) return undefined;
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/** The secret sealed for storage: `v1.<iv>.<tag>.<ciphertext>` (base64url), bound to the user's id. */
export function sealSecret(key: Buffer, userId: string, secretBase32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function openSecret(key: Buffer, userId: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown sealed secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(userId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

// Without 0/O, 1/I/L: read off paper.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes of the form `xxxxx-xxxxx` (about 49 bits each). */
export function newRecoveryCodes(): string[] {
  const one = () => Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = one();
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

/** A recovery code as typed (any case, spaces or dashes) to its canonical form, or undefined if it cannot be one. */
export function normaliseRecoveryCode(input: string): string | undefined {
  const raw = input.toLowerCase().replace(/[\s-]/g, '');
  if (raw.length !== 10 || [...raw].some((c) => !RECOVERY_ALPHABET.includes(c))) return undefined;
  return raw;
}

export function recoveryCodeHash(key: Buffer, userId: string, canonical: string): string {
  return createHmac('sha256', key).update(`${userId}:${canonical}`).digest('base64url');
}
