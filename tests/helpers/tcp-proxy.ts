/**
 * A TCP proxy a test puts between the API and its database, to take the database away and give
 * it back. `cut('refuse')` is a stopped server: every open connection dies at once and new ones
 * are refused (ECONNREFUSED). `cut('blackhole')` is a lost network: open connections die, new ones
 * are accepted and never answered. `restore()` serves again on the same port.
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export type CutMode = 'refuse' | 'blackhole';

export interface TcpProxy {
  port: number;
  /** Connections accepted so far (forwarded or swallowed). */
  readonly accepted: number;
  cut(mode?: CutMode): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let mode: CutMode | 'open' = 'open';
  let accepted = 0;
  let server: Server | undefined;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const onConnection = (client: Socket) => {
    accepted++;
    track(client);
    if (mode === 'blackhole') return; // held open, never answered
    const upstream = tcpConnect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    // One side gone takes the other with it, as a dead server or network would.
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };

  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve(s));
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  const destroyAll = () => {
    for (const socket of sockets) socket.destroy();
  };

  server = await listen(0);
  const port = (server.address() as { port: number }).port;

  return {
    port,
    get accepted() {
      return accepted;
    },
    async cut(next: CutMode = 'refuse') {
      mode = next;
      const closing = next === 'refuse' ? stopListening() : Promise.resolve();
      destroyAll();
      await closing;
    },
    async restore() {
      destroyAll(); // the swallowed connections of a blackhole
      mode = 'open';
      server ??= await listen(port);
    },
    async close() {
      const closing = stopListening();
      destroyAll();
      await closing;
    },
  };
}
