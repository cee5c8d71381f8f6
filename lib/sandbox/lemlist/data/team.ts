import type { Rng } from "@/lib/sandbox/shared/prng";
import type { LemlistTeam, LemlistUser } from "../records";
import * as T from "../text";
import { DAY, iso } from "./time";

/** The demo team and its users, who send the campaigns and own the tasks. */
export function createTeam(rng: Rng, start: number): { team: LemlistTeam; users: LemlistUser[] } {
  const teamId = `tea_${rng.id()}`;
  const users: LemlistUser[] = T.USERS.map((u) => ({ _id: `usr_${rng.id()}`, name: u.name, email: u.email }));
  const team: LemlistTeam = {
    _id: teamId,
    name: "Touchline Demo",
    userIds: users.map((u) => u._id),
    createdBy: users[0]!._id,
    createdAt: iso(start - 400 * DAY),
  };
  return { team, users };
}
