/**
 * The alliance's voucher signing keys. The private half is stored only encrypted with the
 * master key (api/vouchers/master-key.ts), so a database dump alone cannot mint vouchers.
 * A key's life: published (created_at) → signs from activates_at → stops signing at exp →
 * leaves the JWKS at retired_at, once every voucher it signed is past its capture window.
 */
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { alliances } from './directory.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const signingKeys = pgTable(
  'signing_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    /** Full RFC 7638 thumbprint, base64url: the JWKS `kid`. */
    kid: text('kid').notNull(),
    /** Its first 4 bytes as 8 hex: what a voucher carries. */
    kid4: text('kid4').notNull(),
    /** Raw Ed25519 public key, base64url. */
    publicKey: text('public_key').notNull(),
    /** base64url(nonce ‖ AES-256-GCM ciphertext of the 32-byte seed ‖ tag), bound to the kid. */
    privateKeyEncrypted: text('private_key_encrypted').notNull(),
    /** Vouchers it may have signed have issuedAt ≥ nbf (published as the JWK's nbf). */
    nbf: at('nbf').notNull(),
    /** …and issuedAt < exp; null while it is the newest key. */
    exp: at('exp'),
    /** When it starts signing: after verifiers had time to fetch it. */
    activatesAt: at('activates_at').notNull(),
    /** When it leaves the published JWKS (the API itself keeps verifying late records with it). */
    retiredAt: at('retired_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('signing_keys_kid_key').on(t.allianceId, t.kid),
    index('signing_keys_alliance_idx').on(t.allianceId, t.activatesAt),
  ],
);
