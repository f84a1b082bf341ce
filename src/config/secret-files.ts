// Secrets the embedded mode generates once and keeps: DATA_DIR/secrets, a directory only the service
// user may enter (0700), each file readable by that user only (0600), created that way from the first
// byte (never written with a wider mode and narrowed afterwards).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

export const SECRETS_DIR = 'secrets';

/**
 * DATA_DIR/secrets, created 0700 (and narrowed to 0700 if it was made wider by hand). DATA_DIR itself is
 * made 0700 when created; as root the embedded server's own user gets only the traverse bit on it.
 */
export function secretsDir(dataDir: string): string {
  const root = path.resolve(dataDir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const dir = path.join(root, SECRETS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * The secret `name` from DATA_DIR/secrets, generated on first use. A file left directly in DATA_DIR by an
 * earlier version (pg-password, jwt-secret) is moved into the secrets directory.
 */
export function readOrCreateSecret(dataDir: string, name: string, generate: () => string): string {
  const dir = secretsDir(dataDir);
  const file = path.join(dir, name);
  const legacy = path.resolve(dataDir, name);
  if (!existsSync(file) && existsSync(legacy)) renameSync(legacy, file);
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    return readFileSync(file, 'utf8').trim();
  }
  const secret = generate();
  writeSecretFile(file, secret);
  return secret;
}

/** Writes a new file that is 0600 from its creation (O_EXCL: never follows or reuses an existing file). */
export function writeSecretFile(file: string, secret: string): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, secret + '\n');
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600); // the umask may only narrow the mode; make it exact
}

export const randomSecret = (bytes: number) => () => randomBytes(bytes).toString('base64url');
export const randomHexSecret = (bytes: number) => () => randomBytes(bytes).toString('hex');

/** An existing secret (DATA_DIR/secrets, or where an earlier version left it), without creating one. */
export function readSecret(dataDir: string, name: string): string | undefined {
  for (const file of [path.resolve(dataDir, SECRETS_DIR, name), path.resolve(dataDir, name)]) {
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  }
  return undefined;
}
