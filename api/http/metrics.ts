/**
 * Prometheus metrics at /metrics. One registry per app (tests build many apps). Request
 * counts and latencies are labelled by the matched route pattern, never the raw path, so ids
 * in URLs cannot blow up the series count. Gauges that describe the ledger are read from the
 * database at scrape time by collectors the domains register.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** Every record outcome the API answers (device capture, sync, POS). */
  recordOutcome(outcome: string, channel: 'device' | 'sync' | 'pos'): void;
  /** A gauge whose value is computed when scraped. */
  gauge(
    name: string,
    help: string,
    labelNames: string[],
    collect: (set: (labels: Record<string, string>, value: number) => void) => Promise<void>,
  ): void;
  middleware: MiddlewareHandler;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'alliance_http_requests_total',
    help: 'HTTP requests by route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'alliance_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const outcomes = new Counter({
    name: 'alliance_redemption_outcomes_total',
    help: 'Redemption records answered, by outcome and channel',
    labelNames: ['outcome', 'channel'],
    registers: [registry],
  });
  return {
    registry,
    recordOutcome: (outcome, channel) => outcomes.inc({ outcome, channel }),
    gauge(name, help, labelNames, collect) {
      new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        async collect() {
          this.reset();
          await collect((labels, value) => this.set(labels, value));
        },
      });
    },
    middleware: async (c, next) => {
      const end = latency.startTimer();
      await next();
      // The last matched route is the handler that answered; '*' means only middleware matched.
      const last = routePath(c, -1);
      const route = c.res.status === 404 || !last || last.endsWith('*') ? 'unmatched' : last;
      end({ method: c.req.method, route });
      requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    },
  };
}
