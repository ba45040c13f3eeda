/**
 * Ed25519 checks of a large sync batch on other cores (issue #20): two signatures per record were
 * 45 % of a batch's time on the one thread that also parses, plans and talks to PostgreSQL. The
 * checks are packed into one buffer per worker (key, signature, message), verified there with
 * node:crypto, and answered as one byte each.
 *
 * Promises: the same answer as `ed25519Node.verify` for every check (the same OpenSSL call; a key
 * OpenSSL cannot parse is simply false); workers are started on first use, one fewer than the
 * machine's cores (at least one), never keep the process alive, and a worker that fails is
 * replaced while its checks are done on this thread instead, so a batch never waits forever.
 * Below POOL_MIN_CHECKS the checks run here: a message costs more than a few verifies.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ed25519Node } from './ed25519-node.ts';

export interface SignatureCheck {
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
}

export const POOL_MIN_CHECKS = 64;

/** CommonJS, run with `eval`: a worker needs no file of its own, so tsx, vite and node all run it. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map();
function keyOf(bytes) {
  const id = Buffer.from(bytes.buffer, bytes.byteOffset, 32).toString('base64');
  let key = keys.get(id);
  if (key === undefined) {
    try {
      key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, bytes]), format: 'der', type: 'spki' });
    } catch {
      key = null;
    }
    if (keys.size >= 10000) keys.delete(keys.keys().next().value);
    keys.set(id, key);
  }
  return key;
}
parentPort.on('message', ({ id, buffer, count }) => {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  const out = new Uint8Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const key = keyOf(bytes.subarray(at, at + 32));
    const signature = bytes.subarray(at + 32, at + 96);
    const length = view.getUint32(at + 96);
    const message = bytes.subarray(at + 100, at + 100 + length);
    at += 100 + length;
    try {
      out[i] = key !== null && verify(null, message, key, signature) ? 1 : 0;
    } catch {
      out[i] = 0;
    }
  }
  parentPort.postMessage({ id, out }, [out.buffer]);
});
`;

/** One buffer for a worker: per check 32 key bytes, 64 signature bytes, a u32 length, the message. */
function pack(checks: readonly SignatureCheck[]): ArrayBuffer {
  let size = 0;
  for (const c of checks) size += 100 + c.message.length;
  const buffer = new ArrayBuffer(size);
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  let at = 0;
  for (const c of checks) {
    bytes.set(c.publicKey, at);
    bytes.set(c.signature, at + 32);
    view.setUint32(at + 96, c.message.length);
    bytes.set(c.message, at + 100);
    at += 100 + c.message.length;
  }
  return buffer;
}

const verifyHere = (checks: readonly SignatureCheck[]): boolean[] =>
  checks.map((c) => ed25519Node.verify(c.signature, c.message, c.publicKey));

interface Pending {
  resolve: (out: boolean[]) => void;
  checks: readonly SignatureCheck[];
}

class PoolWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', ({ id, out }: { id: number; out: Uint8Array }) => {
      const job = this.pending.get(id);
      this.pending.delete(id);
      job?.resolve(Array.from(out, (b) => b === 1));
    });
    const fail = () => {
      // Whatever it held is checked here; the next batch starts a fresh worker.
      if (this.worker === worker) this.worker = undefined;
      for (const job of this.pending.values()) job.resolve(verifyHere(job.checks));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    return worker;
  }

  verify(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    this.worker ??= this.start();
    const id = this.next++;
    const buffer = pack(checks);
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, checks });
      this.worker!.postMessage({ id, buffer, count: checks.length }, [buffer]);
    });
  }
}

let workers: PoolWorker[] | undefined;

/** Verifies every check, in order; on other cores when there are enough of them. */
export async function verifySignatures(checks: readonly SignatureCheck[]): Promise<boolean[]> {
  if (checks.length < POOL_MIN_CHECKS) return verifyHere(checks);
  workers ??= Array.from({ length: Math.max(1, availableParallelism() - 1) }, () => new PoolWorker());
  const share = Math.ceil(checks.length / workers.length);
  const parts = await Promise.all(
    workers.map((w, i) => {
      const part = checks.slice(i * share, (i + 1) * share);
      return part.length === 0 ? Promise.resolve([]) : w.verify(part);
    }),
  );
  return parts.flat();
}
