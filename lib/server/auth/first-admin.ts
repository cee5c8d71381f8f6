import "server-only";
import { env } from "@/lib/env";
import { log } from "../log";
import type { Db } from "../store/db";
import { dummyHash } from "./password";
import { issueSetupCode } from "./setup-code";
import { createFirstAdmin, findUserByEmail, hasUsers } from "./users";

/**
 * At start: creates the first admin from TOUCHLINE_ADMIN_EMAIL / TOUCHLINE_ADMIN_PASSWORD
 * when no user exists yet; otherwise leaves it to the one-time /setup page, which needs the
 * setup code printed in the log here. The env
 * password is used once — changing it later does not change the stored account.
 */
export async function ensureFirstAdmin(db: Db): Promise<void> {
  void dummyHash(); // warm: the first unknown-email sign-in must not take longer than the others
  const { TOUCHLINE_ADMIN_EMAIL: email, TOUCHLINE_ADMIN_PASSWORD: password } = env();
  if (email && password) {
    const created = await createFirstAdmin(db, email, password);
    if (created) log.info("created the first admin from TOUCHLINE_ADMIN_EMAIL", { email: created.email });
    else if (!(await findUserByEmail(db, email)))
      log.warn("TOUCHLINE_ADMIN_EMAIL is ignored: an admin already exists", { email });
    return;
  }
  if (email || password)
    log.warn("set both TOUCHLINE_ADMIN_EMAIL and TOUCHLINE_ADMIN_PASSWORD to create the first admin at start");
  if (!(await hasUsers(db))) await issueSetupCode(db);
}
