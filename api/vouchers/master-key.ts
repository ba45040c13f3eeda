/**
 * The alliance master secret (32 bytes) and the at-rest encryption of signing keys with it.
 * Production sets ALLIANCE_MASTER_KEY; the embedded default keeps a generated key in
 * DATA_DIR/master.key (mode 0600) so `npm start` needs no setup. The secret is never logged.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBase64url, toBase64url } from '../../shared/bytes.ts';
import type { Config } from '../config.ts';
import { makePrivateDir } from '../db/private-dir.ts';

export const MASTER_KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export type MasterKeyConfig = Pick<Config, 'ALLIANCE_MASTER_KEY' | 'DATA_DIR' | 'DATABASE_URL'>;

function parseMasterKey(text: string, source: string): Uint8Array {
  let key: Uint8Array;
  try {
    key = fromBase64url(text.trim());
  } catch {
    throw new Error(`${source} is not base64url`);
  }
  if (key.length !== MASTER_KEY_BYTES) throw new Error(`${source} must hold 32 bytes, not ${key.length}`);
  return key;
}

/** Reads DATA_DIR/master.key, creating it first if it does not exist; says whether it did. */
function keyFile(dataDir: string): { key: Uint8Array; created: boolean; path: string } {
  const path = join(dataDir, 'master.key');
  makePrivateDir(dataDir);
  try {
    // 'wx': if two processes start at once, exactly one creates the file and both read it.
    writeFileSync(path, `${toBase64url(randomBytes(MASTER_KEY_BYTES))}\n`, { flag: 'wx', mode: 0o600 });
    return { key: parseMasterKey(readFileSync(path, 'utf8'), path), created: true, path };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return { key: parseMasterKey(readFileSync(path, 'utf8'), path), created: false, path };
  }
}

/** The master key from the environment, else from (or into) DATA_DIR; warns at most once. */
export function resolveMasterKey(config: MasterKeyConfig, warn: (message: string) => void): Uint8Array {
  if (config.ALLIANCE_MASTER_KEY) return parseMasterKey(config.ALLIANCE_MASTER_KEY, 'ALLIANCE_MASTER_KEY');
  const { key, created, path } = keyFile(config.DATA_DIR);
  if (config.DATABASE_URL) {
    warn(
      `ALLIANCE_MASTER_KEY is not set: using ${path}. Every API instance sharing this PostgreSQL ` +
        'needs the same key; set ALLIANCE_MASTER_KEY to its content on all of them.',
    );
  } else if (created) {
    warn(
      `ALLIANCE_MASTER_KEY is not set: generated ${path}. Back it up with the data: without it ` +
        'the stored signing keys cannot be decrypted.',
    );
  }
  return key;
}

// A subkey, so the master secret itself never meets AES and other uses (token keys) stay apart.
const keyEncryptionKeys = new WeakMap<Uint8Array, Buffer>();
function keyEncryptionKey(masterKey: Uint8Array): Buffer {
  let kek = keyEncryptionKeys.get(masterKey);
  if (!kek) {
    kek = Buffer.from(hkdfSync('sha256', masterKey, 'alliance-signing-keys', 'aes-256-gcm-v1', 32));
    keyEncryptionKeys.set(masterKey, kek);
  }
  return kek;
}

/** AES-256-GCM with the kid as associated data: a ciphertext copied onto another row fails. */
export function sealSigningSeed(masterKey: Uint8Array, kid: string, seed: Uint8Array): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyEncryptionKey(masterKey), nonce);
  cipher.setAAD(Buffer.from(kid, 'utf8'));
  const sealed = Buffer.concat([nonce, cipher.update(seed), cipher.final(), cipher.getAuthTag()]);
  return toBase64url(sealed);
}

/** Throws if the master key is not the one that sealed it, or the row was tampered with. */
export function openSigningSeed(masterKey: Uint8Array, kid: string, sealed: string): Uint8Array {
  const bytes = fromBase64url(sealed);
  const nonce = bytes.subarray(0, NONCE_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keyEncryptionKey(masterKey), nonce);
  decipher.setAAD(Buffer.from(kid, 'utf8'));
  decipher.setAuthTag(tag);
  const ciphertext = bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES);
  return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
}
