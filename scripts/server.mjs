#!/usr/bin/env node
// The production server `npm start` runs: Next's own request handler behind a plain
// node:http server, for one reason — the socket address. Route handlers cannot see it,
// and the X-Forwarded-For header a client sends cannot be told from a proxy's. So every
// request gets `x-touchline-peer` set here from the socket (overwriting any sent), and —
// unless TOUCHLINE_TRUSTED_PROXIES says a proxy sets them — client-sent X-Forwarded-*
// headers are dropped, so Next fills them from the socket. lib/server/auth/request.ts reads them.
import http from "node:http";
import path from "node:path";
import next from "next";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);
const trusted = Number(process.env.TOUCHLINE_TRUSTED_PROXIES || 0);
const FORWARDED = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

const app = next({ dev: false, dir: root, hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (!(trusted > 0)) for (const h of FORWARDED) delete req.headers[h];
  req.headers["x-touchline-peer"] = (req.socket.remoteAddress || "unknown").replace(/^::ffff:/, "");
  handle(req, res).catch((err) => {
    console.error(`request failed: ${err instanceof Error ? err.message : String(err)}`);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, host, () => console.log(`Touchline on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`));

const stop = () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
