/**
 * The browser's Ed25519 primitive: @noble/ed25519 through its sync API with SHA-512 from
 * @noble/hashes, so it works outside secure contexts (crypto.subtle is missing on plain HTTP),
 * in strict RFC 8032 mode (`zip215: false`: non-canonical encodings and small-order keys fail).
 */
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import type { Ed25519Primitive } from './signature-primitive.ts';

ed.hashes.sha512 = sha512;

const STRICT = { zip215: false } as const;

export const ed25519Noble: Ed25519Primitive = {
  name: 'noble',
  verify: (signature, message, publicKey) => ed.verify(signature, message, publicKey, STRICT),
  sign: (message, seed) => ed.sign(message, seed),
  publicKeyOf: (seed) => ed.getPublicKey(seed),
};
