import "server-only";
import type { Vendor } from "@/lib/model/vendor";
import { closeConnector } from "./close";
import { leadlexConnector } from "./leadlex";
import { lemlistConnector } from "./lemlist";
import { smartleadConnector } from "./smartlead";
import type { Connector } from "./types";

export const connectors: Record<Vendor, Connector> = {
  lemlist: lemlistConnector,
  smartlead: smartleadConnector,
  close: closeConnector,
  leadlex: leadlexConnector,
};
