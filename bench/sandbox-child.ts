// Starts `npm run sandbox -- --json` with a world of the given size in a child process
// (so the simulators' memory is not counted as the server's) and returns its URLs.
import { spawn } from "node:child_process";
import path from "node:path";
import type { Vendor } from "@/lib/model/vendor";

export interface SandboxChild {
  /** Every simulator started (all four unless `vendors` chose some). */
  urls: Record<Vendor, { baseUrl: string; apiKey: string }>;
  stop(): void;
}

export async function startSandboxChild(args: {
  activities: number;
  people: number;
  seed?: number;
  days?: number;
  vendors?: Vendor[];
}): Promise<SandboxChild> {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const child = spawn(
    tsx,
    [
      "--conditions=react-server",
      "scripts/sandbox.ts",
      "--json",
      "--activities",
      String(args.activities),
      "--people",
      String(args.people),
      ...(args.seed ? ["--seed", String(args.seed)] : []),
      ...(args.days ? ["--days", String(args.days)] : []),
      ...(args.vendors ? ["--vendors", args.vendors.join(",")] : []),
    ],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=8192" } },
  );
  let buf = "";
  const urls = await new Promise<SandboxChild["urls"]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("sandbox did not start within 120 s")), 120_000);
    child.stdout.on("data", (d) => {
      buf += d;
      for (const line of buf.split("\n")) {
        try {
          const j = JSON.parse(line);
          if (j.lemlist?.baseUrl || (args.vendors && j[args.vendors[0]!]?.baseUrl)) {
            clearTimeout(timer);
            resolve(j);
          }
        } catch {
          /* not the JSON line yet */
        }
      }
    });
    child.on("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { urls, stop: () => child.kill("SIGTERM") };
}
