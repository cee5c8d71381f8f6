import { IdentitiesPanel } from "@/components/team/identities-panel";
import { requireUser } from "@/lib/server/auth/current-user";
import { identitiesWithNames, identityOptions } from "@/lib/server/identities/me";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "Profile · Settings" };

export default async function ProfileSettingsPage() {
  const user = await requireUser();
  const db = await getDb();
  const [linked, options] = await Promise.all([
    identitiesWithNames(db, user.id),
    identityOptions(db, { userId: user.id, email: user.email, name: user.name }),
  ]);
  return (
    <IdentitiesPanel
      me={{ email: user.email, name: user.name, role: user.role }}
      linked={linked}
      initialOptions={options}
    />
  );
}
