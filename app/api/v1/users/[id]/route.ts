import { idParams, patchUserSchema } from "@/lib/model/team";
import { json, route } from "@/lib/server/http/route";
import { removeUser, updateUser } from "@/lib/server/team/users";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";

/** `{role?, active?}` → the user. Deactivating ends their sessions at once. */
export const PATCH = route(
  { access: { role: "admin" }, params: idParams, body: patchUserSchema },
  async ({ params, body, principal }) => json(await updateUser(await getDb(), principal, params.id, body)),
);

/** Removes the user (204). Not yourself, not the owner. */
export const DELETE = route({ access: { role: "admin" }, params: idParams }, async ({ params, principal }) => {
  await removeUser(await getDb(), principal, params.id);
  return new Response(null, { status: 204 });
});
