/**
 * Runs the nginx configuration documented in docs/deploy.md for real: its ```nginx block with the
 * ports, certificate, server name and upstream addresses swapped for a test's own, wrapped in a
 * complete nginx.conf in a temporary folder, and a small HTTP(S) client that can pick its source
 * address (127.0.0.2, 127.0.0.3, … are different clients on Linux loopback).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { connect } from 'node:net';
import { join } from 'node:path';

export const NGINX = '/usr/sbin/nginx';

/** The one fenced block with this info string (```nginx), exactly. */
export function fencedBlock(markdown: string, info: string): string {
  const blocks = [...markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```\s*$/gm)].filter(
    (m) => m[1]!.trim() === info,
  );
  if (blocks.length !== 1) throw new Error(`expected one \`\`\`${info} block, found ${blocks.length}`);
  return blocks[0]![2]!;
}

/** A self-signed certificate for localhost (P-256, one day) in `dir`. */
export function selfSignedCert(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  );
  return { cert, key };
}

export interface Substitutions {
  httpPort: number;
  httpsPort: number;
  cert: string;
  key: string;
  serverName: string;
  /** Replace the documented `127.0.0.1:8081` and `127.0.0.1:8082`. */
  upstreams: [string, string];
  /** Extra directives added to the TLS server block (e.g. a header naming the upstream). */
  tlsServerExtra?: string;
}

/** The documented server blocks with the placeholders swapped; fails loudly when one is missing. */
export function adaptDocumentedConfig(block: string, s: Substitutions): string {
  const swap = (text: string, from: RegExp | string, to: string) => {
    const found = typeof from === 'string' ? text.includes(from) : text.search(from) >= 0;
    if (!found) throw new Error(`the documented nginx block has no ${String(from)}`);
    return typeof from === 'string' ? text.replaceAll(from, to) : text.replace(from, to);
  };
  let conf = block;
  // IPv6 listeners may not exist on a test machine; the IPv4 ones are bound to loopback.
  conf = conf.replace(/^\s*listen\s+\[::\][^;]*;\s*\n/gm, '');
  conf = swap(conf, /\blisten\s+80\b/g, `listen 127.0.0.1:${s.httpPort}`);
  conf = swap(conf, /\blisten\s+443\b/g, `listen 127.0.0.1:${s.httpsPort}`);
  conf = swap(conf, 'points.example.cn', s.serverName);
  conf = swap(conf, '/etc/ssl/points/fullchain.pem', s.cert);
  conf = swap(conf, '/etc/ssl/points/privkey.pem', s.key);
  conf = swap(conf, '127.0.0.1:8081', s.upstreams[0]);
  conf = swap(conf, '127.0.0.1:8082', s.upstreams[1]);
  if (s.tlsServerExtra) {
    conf = swap(conf, /^(\s*ssl_certificate_key\s[^;]*;)$/m, `$1\n    ${s.tlsServerExtra}`);
  }
  return conf;
}

/** A complete nginx.conf around `servers`, keeping every file inside `prefix`. */
export function wrapNginxConf(prefix: string, servers: string): string {
  // As root, nginx's workers switch to an unprivileged user; run them as ourselves instead so
  // they can use the temp folders inside `prefix` (a private mkdtemp folder).
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${user}daemon off;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${join(prefix, 'client_body')};
  proxy_temp_path ${join(prefix, 'proxy')};
  fastcgi_temp_path ${join(prefix, 'fastcgi')};
  uwsgi_temp_path ${join(prefix, 'uwsgi')};
  scgi_temp_path ${join(prefix, 'scgi')};
${servers}
}
`;
}

export interface Nginx {
  output(): string;
  stop(): Promise<void>;
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Checks the file (`nginx -t`), then runs nginx in the foreground until `stop()`. */
export async function startNginx(prefix: string, conf: string, ports: number[]): Promise<Nginx> {
  const file = join(prefix, 'nginx.conf');
  writeFileSync(file, conf);
  const args = ['-c', file, '-p', prefix, '-e', 'stderr'];
  try {
    execFileSync(NGINX, ['-t', ...args], { stdio: 'pipe' });
  } catch (e) {
    const err = e as { stderr?: Buffer };
    throw new Error(`nginx -t refused the configuration:\n${err.stderr}\n--- ${file}\n${conf}`);
  }
  const child: ChildProcess = spawn(NGINX, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${output}`);
    if ((await Promise.all(ports.map(listening))).every(Boolean)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not listen within 10 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGQUIT'); // graceful: the master waits for its worker
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  /** https://… through the proxy (any certificate accepted) or http://… straight to an instance. */
  url: string;
  method?: string;
  /** The client's source address, e.g. 127.0.0.2. */
  from?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request on a fresh connection (no keep-alive), so `from` always applies. */
export function request(options: RequestOptions): Promise<Reply> {
  const url = new URL(options.url);
  const client = url.protocol === 'https:' ? https : http;
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: options.method ?? 'GET',
        agent: false,
        rejectUnauthorized: false,
        ...(options.from ? { localAddress: options.from } : {}),
        headers: { ...options.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${options.method ?? 'GET'} ${url} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** The documented nginx block of docs/deploy.md. */
export function documentedNginxBlock(deployDoc: string): string {
  return fencedBlock(readFileSync(deployDoc, 'utf8'), 'nginx');
}
