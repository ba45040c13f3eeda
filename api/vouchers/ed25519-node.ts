/**
 * The API's Ed25519 primitive: node:crypto (OpenSSL), about 15× faster than noble, which a sync
 * batch of thousands of records needs. KeyObjects are made once per public key and cached by
 * the key's bytes, so the verifier's key index (which holds the same Uint8Array for a key's
 * lifetime) pays for the import once. OpenSSL rejects a non-canonical S like noble's strict mode;
 * the voucher vectors hold such a case and the tests run it through both primitives.
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { Ed25519Primitive } from '../../shared/signature-primitive.ts';

// DER headers of Ed25519 keys; the 32 raw bytes follow.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const publicKeys = new WeakMap<Uint8Array, KeyObject>();

export function publicKeyObject(publicKey: Uint8Array): KeyObject {
  let key = publicKeys.get(publicKey);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
    publicKeys.set(publicKey, key);
  }
  return key;
}

export function privateKeyObject(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new TypeError('an Ed25519 seed is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function rawPublicKey(key: KeyObject): Uint8Array {
  const der = key.export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(SPKI_PREFIX.length));
}

export const ed25519Node: Ed25519Primitive = {
  name: 'node:crypto',
  verify: (signature, message, publicKey) => {
    if (signature.length !== 64 || publicKey.length !== 32) return false;
    try {
      return verify(null, message, publicKeyObject(publicKey), signature);
    } catch {
      // An encoding OpenSSL cannot even parse is simply not a valid signature.
      return false;
    }
  },
  sign: (message, seed) => new Uint8Array(sign(null, message, privateKeyObject(seed))),
  publicKeyOf: (seed) => rawPublicKey(createPublicKey(privateKeyObject(seed))),
};
