/** The one schema both drivers share; drizzle-kit reads this folder to generate migrations. */

export * from './activities.ts';
export * from './auth.ts';
export * from './cards.ts';
export * from './coupons.ts';
export * from './directory.ts';
export * from './earning.ts';
export * from './goods.ts';
export * from './households.ts';
export * from './idempotency.ts';
export * from './keys.ts';
export * from './ledger.ts';
export * from './rankings.ts';
