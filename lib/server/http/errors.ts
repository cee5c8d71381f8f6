import "server-only";
/**
 * Typed application errors: route handlers throw these and the one error mapper
 * (./problem.ts) turns them into RFC 9457 problem documents with their status.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly errors?: { path: string; message: string }[],
    /** Extension members of the problem document (e.g. a 409's `vendorTask`). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (param: string, message: string) =>
  new AppError(400, "Invalid request", `${param}: ${message}`, [{ path: param, message }]);
export const notFound = (what: string) => new AppError(404, "Not found", `${what} was not found`);
export const unauthorized = (message = "Sign in or send an API token") => new AppError(401, "Unauthorized", message);
export const forbidden = (message: string) => new AppError(403, "Forbidden", message);
export const conflict = (message: string) => new AppError(409, "Conflict", message);
export const unprocessable = (message: string) => new AppError(422, "Unprocessable", message);
export const tooManyRequests = (message: string, retryAfterSeconds?: number) =>
  Object.assign(new AppError(429, "Too many requests", message), { retryAfterSeconds });
