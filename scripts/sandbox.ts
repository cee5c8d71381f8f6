// `npm run sandbox`: the vendor simulators, standalone on 127.0.0.1, for trying
// connectors or scripts by hand. `-- --json` prints one JSON line with the base URLs and
// keys and keeps serving until killed. Flags: --seed N, --activities N, --people N,
// --port-base N (the first vendor of lib/sandbox/registry.ts on N, the next on N+1, …), --days N
// (how far back the activities go), --vendors a,b (only those simulators, by vendor id).
import { parseArgs } from "node:util";
import { createWorld, DEMO_WORLD, sandboxVendors, startSandbox } from "@/lib/sandbox";
import { VENDOR_METAS } from "@/lib/vendors/metas";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    seed: { type: "string" },
    activities: { type: "string" },
    people: { type: "string" },
    "port-base": { type: "string" },
    days: { type: "string" },
    vendors: { type: "string" },
  },
});

const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));
const world = createWorld({
  ...DEMO_WORLD,
  seed: num(values.seed, DEMO_WORLD.seed),
  activities: num(values.activities, DEMO_WORLD.activities),
  people: num(values.people, DEMO_WORLD.people),
  days: num(values.days, DEMO_WORLD.days),
  now: new Date(),
});
const base = values["port-base"] ? Number(values["port-base"]) : undefined;
const vendors = values.vendors
  ? (values.vendors.split(",").filter((v) => v in sandboxVendors) as (keyof typeof sandboxVendors)[])
  : undefined;
const running = await startSandbox(world, {
  // One port per vendor, in the registry's order, from --port-base.
  ...(base ? { ports: Object.fromEntries(Object.keys(sandboxVendors).map((v, i) => [v, base + i])) } : {}),
  vendors,
});

const summary = Object.fromEntries(running.map((r) => [r.vendor, { baseUrl: r.baseUrl, apiKey: r.apiKey }]));
if (values.json) console.log(JSON.stringify(summary));
else {
  console.log("Vendor simulators (demo data, deterministic seed %d):", world.options.seed);
  for (const r of running) console.log(`  ${r.vendor.padEnd(10)} ${r.baseUrl}   key: ${r.apiKey}`);
  console.log(`\nPoint Touchline at them with ${VENDOR_METAS.map((m) => m.baseUrlEnv).join(", ")}. Ctrl-C to stop.`);
}

const stop = async () => {
  await Promise.all(running.map((r) => r.server.close()));
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
