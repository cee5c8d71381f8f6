import "server-only";
import { PageGuard } from "@/lib/vendors/shared/page-guard";
import { VendorRequestError } from "@/lib/vendors/shared/errors";
import type { ConnectorContext, MappedActivity, MappedTask } from "@/lib/vendors/types";
import { createCloseClient, type CloseClient } from "./client";
import type { CloseConnectorSettings } from "./index";
import { mapCloseActivity, type ContactInfo, type CustomType } from "./map";
import { mapCloseTask } from "./map-task";
import { closeActivitySchema, closeCustomTypeSchema, closeLeadSchema, closeTaskSchema } from "./schemas";

/**
 * What the streams of one Close sync share: the client, the clock, the contact directory
 * (contact id → email, filled by the contact listing and by contact events, so activities and
 * tasks name their person), and caches read at most once per sync (custom activity types,
 * lead names).
 */
export interface CloseSession {
  client: CloseClient;
  o: CloseConnectorSettings;
  ctx: ConnectorContext;
  now(): number;
  /** The history horizon: nothing created before it is read (null: everything). */
  horizon: number | null;
  directory: Map<string, ContactInfo>;
  parseRows<T>(
    rows: unknown[],
    what: string,
    schema: RowSchema<T>,
  ): { ok: { row: T; raw: unknown }[]; skipped: number };
  mapActivities(rows: unknown[]): Promise<{ activities: MappedActivity[]; skipped: number }>;
  mapTasks(rows: unknown[]): { tasks: MappedTask[]; skipped: number };
  /** A lead's name (company), from the lead listing of this sync or one request per lead. */
  leadName(leadId: string): Promise<string | null>;
  leadNames: Map<string, string>;
}

type RowSchema<T> = {
  safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[] }[] } };
};

export function openCloseSession(ctx: ConnectorContext, o: CloseConnectorSettings): CloseSession {
  const client = createCloseClient({
    baseUrl: ctx.baseUrl,
    apiKey: ctx.apiKey,
    signal: ctx.signal,
    onRateLimitWait: ctx.onRateLimitWait,
    ...ctx.http,
    ...o.client,
  });
  const now = () => (ctx.now ? ctx.now() : new Date()).getTime();
  const directory = new Map<string, ContactInfo>();
  const leadNames = new Map<string, string>();
  let customTypes: Promise<Map<string, CustomType>> | null = null;
  const from = ctx.history?.from ? Date.parse(ctx.history.from) : NaN;

  function parseRows<T>(rows: unknown[], what: string, schema: RowSchema<T>) {
    const ok: { row: T; raw: unknown }[] = [];
    let skipped = 0;
    for (const raw of rows) {
      const r = schema.safeParse(raw);
      if (r.success) ok.push({ row: r.data, raw });
      else {
        skipped++;
        const id =
          raw && typeof raw === "object" && typeof (raw as { id?: unknown }).id === "string"
            ? (raw as { id: string }).id
            : null;
        ctx.warn?.(`close: skipped a ${what} row the schema did not accept`, {
          id,
          issues: r.error.issues.map((i) => i.path.map(String).join(".") || "(row)"),
        });
      }
    }
    return { ok, skipped };
  }

  /** Every custom activity type, once per sync and only when a custom activity is met. */
  async function loadCustomTypes(): Promise<Map<string, CustomType>> {
    const types = new Map<string, CustomType>();
    const guard = new PageGuard("close", "custom activity types");
    try {
      for (let skip = 0; ; skip += o.pageSize) {
        const page = await client.listCustomActivityTypes({ _skip: skip, _limit: o.pageSize });
        for (const raw of page.rows) {
          const t = closeCustomTypeSchema.safeParse(raw);
          if (!t.success) continue;
          const fields = new Map<string, string>();
          for (const f of t.data.fields ?? []) if (f.id && f.name) fields.set(f.id, f.name);
          types.set(t.data.id, { name: t.data.name || "Custom activity", fields });
        }
        const ids = page.rows.map((r) => String((r as { id?: unknown })?.id ?? ""));
        if (!page.hasMore || page.rows.length === 0 || !guard.fresh(ids)) break;
      }
    } catch (err) {
      // Names are a nicety: without them custom activities still sync, as "Custom activity".
      if (!(err instanceof VendorRequestError)) throw err;
      ctx.warn?.("close: the custom activity types could not be read; custom activities keep a generic name", {
        status: err.status,
      });
    }
    return types;
  }

  return {
    client,
    o,
    ctx,
    now,
    horizon: Number.isFinite(from) ? from : null,
    directory,
    leadNames,
    parseRows,
    async mapActivities(rows) {
      const { ok, skipped } = parseRows(rows, "activity", closeActivitySchema);
      const types = ok.some(({ row }) => row._type === "Custom") ? await (customTypes ??= loadCustomTypes()) : null;
      const activities: MappedActivity[] = [];
      for (const { row, raw } of ok) {
        const m = mapCloseActivity(row, raw, (id) => directory.get(id), types ? (id) => types.get(id) : undefined);
        if (m) activities.push(m);
      }
      return { activities, skipped };
    },
    mapTasks(rows) {
      const { ok, skipped } = parseRows(rows, "task", closeTaskSchema);
      return { tasks: ok.map(({ row, raw }) => mapCloseTask(row, raw, (id) => directory.get(id))), skipped };
    },
    async leadName(leadId) {
      const known = leadNames.get(leadId);
      if (known !== undefined) return known || null;
      const lead = closeLeadSchema.safeParse(
        await client.getLead(leadId).catch((err) => {
          if (err instanceof VendorRequestError && err.status === 404) return null;
          throw err;
        }),
      );
      const name = lead.success ? lead.data.name || lead.data.display_name || "" : "";
      leadNames.set(leadId, name);
      return name || null;
    },
  };
}
