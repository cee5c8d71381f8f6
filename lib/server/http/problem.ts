import "server-only";
import crypto from "node:crypto";
import { ZodError } from "zod";
import { AppError } from "./errors";
import { log } from "../log";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

export function problemResponse(problem: Problem, headers?: HeadersInit): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
  });
}

/** The single error mapper for route handlers: zod → 400 naming the parameter, AppError → its status, else a bare 500. */
export function toProblemResponse(err: unknown): Response {
  if (err instanceof ZodError) {
    const errors = err.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
    const first = errors[0];
    return problemResponse({
      type: "about:blank",
      title: "Invalid request",
      status: 400,
      detail: first ? `${first.path}: ${first.message}` : "invalid input",
      errors,
    });
  }
  if (err instanceof AppError) {
    const retry = (err as AppError & { retryAfterSeconds?: number }).retryAfterSeconds;
    return problemResponse(
      {
        type: "about:blank",
        title: err.title,
        status: err.status,
        detail: err.message,
        ...(err.errors ? { errors: err.errors } : {}),
        ...err.extra,
      },
      retry ? { "retry-after": String(retry) } : undefined,
    );
  }
  // Unknown failures are logged server-side (scrubbed) under a reference, and answered with nothing that leaks.
  const ref = crypto.randomBytes(4).toString("hex");
  log.error("unhandled route error", { ref, err });
  return problemResponse({
    type: "about:blank",
    title: "Internal error",
    status: 500,
    detail: `Something went wrong on our side. It has been logged (reference ${ref}).`,
  });
}
