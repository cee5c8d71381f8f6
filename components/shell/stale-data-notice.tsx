import { env } from "@/lib/env";
import { listConnectionsForRender } from "@/lib/server/queries/connections";
import { StaleDataBanner } from "./stale-data-banner";

/** The stale-data banner of the dashboard pages, with the connections as the server saw them. */
export async function StaleDataNotice() {
  const connections = await listConnectionsForRender();
  return <StaleDataBanner initial={connections} syncIntervalMinutes={env().TOUCHLINE_SYNC_INTERVAL_MINUTES} />;
}
