import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  eventId: string;
  type: string;
  attempt: string;
  signature: string;
  body: string;
  /** What the receiver answered. */
  status: number | 'hung';
}

/**
 * A platform's webhook endpoint for tests: answers by a rule per event (fail the first N tries,
 * always fail, hang), and keeps every request it saw.
 */
export async function startReceiver(plan: (eventId: string, seen: number) => number | 'hang' = () => 200) {
  const received: ReceivedDelivery[] = [];
  const hung = new Set<http.ServerResponse>();
  const listeners: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const eventId = String(req.headers['trust-event-id'] ?? '');
      const seen = received.filter((r) => r.eventId === eventId).length;
      const answer = plan(eventId, seen);
      received.push({
        eventId,
        type: String(req.headers['trust-event-type'] ?? ''),
        attempt: String(req.headers['trust-delivery-attempt'] ?? ''),
        signature: String(req.headers['trust-signature'] ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
        status: answer === 'hang' ? 'hung' : answer,
      });
      for (const l of listeners.splice(0)) l();
      if (answer === 'hang') {
        hung.add(res);
        return;
      }
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'try again');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Resolves at the next request the receiver sees. */
    nextRequest: () => new Promise<void>((resolve) => listeners.push(resolve)),
    close: async () => {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls until the check passes or the time runs out; answers the last value. */
export async function eventually<T>(check: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}
