import "server-only";
export { getDb, getStore, openStore, queryRows, storeOptionsFromEnv, type Db, type Store, type StoreKind } from "./db";
export * as t from "./schema";
