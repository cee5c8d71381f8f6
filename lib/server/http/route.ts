import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { authenticate, type Principal } from "../auth/authenticate";
import { isAllowedHost, requestHost } from "../auth/request";
import { type Access, authorize } from "./access";
import { AppError } from "./errors";
import { toProblemResponse } from "./problem";

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

interface RouteSpec<
  Q extends Schema | undefined,
  B extends Schema | undefined,
  P extends Schema | undefined,
  A extends Access,
> {
  /** Who may call it: "public", or the least role (and token scope). Required: see ./access.ts. */
  access: A;
  query?: Q;
  body?: B;
  params?: P;
}

export interface RouteInput<Q, B, P, Pr = Principal | null> {
  req: NextRequest;
  query: Q;
  body: B;
  params: P;
  principal: Pr;
}

type Handler<Q, B, P, Pr> = (input: RouteInput<Q, B, P, Pr>) => Promise<Response>;

export type RouteHandler = ((
  req: NextRequest,
  ctx: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>) & { access: Access };

/** Query strings as a plain object; repeated keys are joined with commas (`?vendors=a&vendors=b` ≡ `vendors=a,b`). */
export function searchParamsObject(sp: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of sp) out[k] = k in out ? `${out[k]},${v}` : v;
  return out;
}

const misdirected = () =>
  new AppError(421, "Misdirected request", "This request names a host Touchline does not answer to.");

/**
 * The one wrapper every /api/v1 handler goes through: check the Host, authenticate,
 * enforce the route's access rule, parse params, query and body with zod, run, and map
 * any throw through the single error mapper.
 */
export function route<
  A extends Access,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(
  spec: RouteSpec<Q, B, P, A>,
  handler: Handler<Infer<Q>, Infer<B>, Infer<P>, A extends "public" ? null : Principal>,
): RouteHandler {
  const run = async (
    req: NextRequest,
    ctx: { params: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    try {
      if (!isAllowedHost(requestHost(req))) throw misdirected();
      let principal: Principal | null = null;
      if (spec.access !== "public") {
        principal = await authenticate(req);
        authorize(principal, spec.access, req.method);
      }
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
      return await handler({
        req,
        query,
        body,
        params,
        principal: principal as A extends "public" ? null : Principal,
      });
    } catch (err) {
      return toProblemResponse(err);
    }
  };
  return Object.assign(run, { access: spec.access as Access });
}

export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, { ...init, headers: { "cache-control": "no-store", ...init?.headers } });
}
