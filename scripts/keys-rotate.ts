// `npm run keys:rotate`: re-encrypts every stored vendor API key under a new master key.
//
// Stop Touchline first: the script refuses while a server holds the store (a running server
// keeps the old key in memory). The old key is read as the server reads it
// (TOUCHLINE_SECRET_KEY, else the key file in the data directory); the new one comes from
// TOUCHLINE_NEW_SECRET_KEY or is generated. Keys and fingerprint change in one transaction.
// The new key then goes where the old one came from: the key file is replaced (owner-only
// permissions), or — when the old key came from the environment — the new key is printed
// for you to put into TOUCHLINE_SECRET_KEY before restarting. Everyone is signed out
// (session cookies are derived from the master key). The steps and what happens when one
// fails: lib/server/secrets/rotate-cli.ts.
import { runKeysRotate } from "@/lib/server/secrets/rotate-cli";

const { code, out, err } = await runKeysRotate();
for (const line of out) console.log(line);
for (const line of err) console.error(`\n${line}\n`);
process.exit(code);
