/**
 * The Ed25519 implementation is injected, not imported: browsers use @noble/ed25519
 * (ed25519-noble.ts), the API uses node:crypto (api/vouchers/ed25519-node.ts), which is about
 * 15× faster. Both must follow RFC 8032 strictly (a non-canonical S is rejected), so a voucher
 * that one side accepts the other accepts too.
 */
export interface Ed25519Primitive {
  /** Shown in benchmarks and logs. */
  readonly name: string;
  /** Never throws for well-sized inputs; an invalid point or signature is simply `false`. */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** Signs with the RFC 8032 32-byte seed. Optional: verify-only devices need no secret keys. */
  sign?(message: Uint8Array, seed: Uint8Array): Uint8Array;
  /** The public key of a 32-byte seed. */
  publicKeyOf?(seed: Uint8Array): Uint8Array;
}

export function requireSigner(
  primitive: Ed25519Primitive,
): Required<Pick<Ed25519Primitive, 'sign'>> & Ed25519Primitive {
  if (!primitive.sign) throw new TypeError(`the ${primitive.name} Ed25519 primitive cannot sign`);
  return primitive as Required<Pick<Ed25519Primitive, 'sign'>> & Ed25519Primitive;
}
