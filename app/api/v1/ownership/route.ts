import { transferOwnershipSchema } from "@/lib/model/team";
import { route } from "@/lib/server/http/route";
import { transferOwnership } from "@/lib/server/team/users";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

/** Extension: the owner hands ownership to another user `{userId}` and becomes an admin (204). */
export const POST = route(
  { access: { role: "owner", token: "never" }, body: transferOwnershipSchema },
  async ({ body, principal }) => {
    await transferOwnership(await getDb(), principal, body.userId);
    return new Response(null, { status: 204 });
  },
);
