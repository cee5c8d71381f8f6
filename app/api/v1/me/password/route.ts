import { changePasswordSchema } from "@/lib/model/team";
import { changePassword } from "@/lib/server/team/users";
import { route } from "@/lib/server/http/route";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

/** 204; needs the current password; every other session of the user ends. */
export const POST = route(
  { access: { role: "viewer", token: "never" }, body: changePasswordSchema },
  async ({ body, principal }) => {
    await changePassword(await getDb(), principal, body.currentPassword, body.newPassword);
    return new Response(null, { status: 204 });
  },
);
