import "server-only";
import type { Connector, ConnectorContext, ConnectorSession } from "@/lib/vendors/types";
import { createLemlistClient } from "./client";
import { createEnv, type LemlistConnectorOptions } from "./env";
import { refreshLemlistPerson } from "./refresh";
import { activitiesStream, campaignsStream, tasksStream } from "./streams";
import { createLemlistTaskWriter } from "./task-writes";
import { listLemlistUsers } from "./team";

export { LEMLIST_PACE } from "./client";
export { LEMLIST_SYNC_DEFAULTS, type LemlistConnectorOptions } from "./env";
export type { ActivitiesState, ListingState } from "./streams";

export const LEMLIST_API_URL = "https://api.lemlist.com/api";

/** The lemlist connector; options exist for tests and benchmarks, the defaults follow the documented limits. */
export function createLemlistConnector(options: LemlistConnectorOptions = {}): Connector {
  return {
    vendor: "lemlist",
    defaultBaseUrl: LEMLIST_API_URL,
    tasks: createLemlistTaskWriter({ pace: options.pace }),
    listUsers: listLemlistUsers,
    open(ctx: ConnectorContext): ConnectorSession {
      const env = createEnv(createLemlistClient(ctx, options), ctx, options);
      return {
        async verifyKey() {
          // Throws VendorAuthError on lemlist's 401.
          await env.client.team();
        },
        // Campaigns first so activity rows find their campaign; tasks last (full listing).
        streams: () => [campaignsStream(env), activitiesStream(env), tasksStream(env)],
        refreshPerson: (person) => refreshLemlistPerson(env, person),
      };
    },
  };
}

export const lemlistConnector: Connector = createLemlistConnector();
