import fs from "node:fs";
import path from "node:path";

const API_ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");

export interface ApiRoute {
  /** The route.ts file, to import its handlers from. */
  file: string;
  /** Its path under /api/v1 as the folders name it: `/contacts/[id]/timeline`. */
  pattern: string;
  /** A URL to call it at, `sampleId` standing for every dynamic segment. */
  url: string;
  /** The dynamic segments' params, each `sampleId`. */
  params: Record<string, string>;
}

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

/**
 * Every /api/v1 route, found on disk rather than listed, so that the suites calling all of
 * them (authentication, access rules, junk queries) cover a new route without being told.
 */
export function apiRoutes(sampleId: string): ApiRoute[] {
  return routeFiles(API_ROOT).map((file) => {
    const pattern = "/" + path.relative(API_ROOT, path.dirname(file)).split(path.sep).join("/");
    const params: Record<string, string> = {};
    const url = pattern.replace(/\[(\w+)\]/g, (_, name: string) => ((params[name] = sampleId), sampleId));
    return { file, pattern, url: `/api/v1${url}`.replace(/\/$/, ""), params };
  });
}
