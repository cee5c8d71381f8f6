// `npm run db:migrate`: applies the SQL migrations in drizzle/ to the configured store
// (PGlite under TOUCHLINE_DATA_DIR, or DATABASE_URL). The app also does this at start.
import { openStore, storeOptionsFromEnv } from "@/lib/server/store/db";

const options = storeOptionsFromEnv();
const store = await openStore(options);
console.log(`migrations applied (${store.kind})`);
await store.close();
