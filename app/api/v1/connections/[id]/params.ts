import { z } from "zod";

/** The `{id}` of /connections/{id} and the routes below it. */
export const connectionParams = z.object({ id: z.string().min(1).max(100) });
