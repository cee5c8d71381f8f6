import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { authenticate, type Principal } from "../auth/authenticate";
import { toProblemResponse } from "./problem";

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

interface RouteSpec<Q extends Schema | undefined, B extends Schema | undefined, P extends Schema | undefined> {
  /** Default true: a session cookie or an API token is required. */
  auth?: boolean;
  query?: Q;
  body?: B;
  params?: P;
}

export interface RouteInput<Q, B, P> {
  req: NextRequest;
  query: Q;
  body: B;
  params: P;
  principal: Principal | null;
}

type Handler<Q, B, P> = (input: RouteInput<Q, B, P>) => Promise<Response>;

/** Query strings as a plain object; repeated keys are joined with commas (`?vendors=a&vendors=b` ≡ `vendors=a,b`). */
export function searchParamsObject(sp: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of sp) out[k] = k in out ? `${out[k]},${v}` : v;
  return out;
}

/**
 * The one wrapper every /api/v1 handler goes through: authenticate, parse params,
 * query and body with zod, run, and map any throw through the single error mapper.
 */
export function route<
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(spec: RouteSpec<Q, B, P>, handler: Handler<Infer<Q>, Infer<B>, Infer<P>>) {
  return async (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      const principal = spec.auth === false ? null : await authenticate(req);
      const rawParams = ctx?.params ? await ctx.params : {};
      const params = (spec.params ? spec.params.parse(rawParams) : undefined) as Infer<P>;
      const query = (
        spec.query ? spec.query.parse(searchParamsObject(req.nextUrl.searchParams)) : undefined
      ) as Infer<Q>;
      let body = undefined as Infer<B>;
      if (spec.body) {
        let json: unknown;
        try {
          json = await req.json();
        } catch {
          json = undefined;
        }
        body = spec.body.parse(json) as Infer<B>;
      }
      return await handler({ req, query, body, params, principal });
    } catch (err) {
      return toProblemResponse(err);
    }
  };
}

export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, { ...init, headers: { "cache-control": "no-store", ...init?.headers } });
}
