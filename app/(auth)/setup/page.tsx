import { redirect } from "next/navigation";
import { AuthCard, DemoHint } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { env } from "@/lib/env";
import { hasUsers } from "@/lib/server/auth/users";
import { getDb } from "@/lib/server/store/db";
import { vendorNames } from "@/lib/vendors/metas";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

/** Shown once: while no user exists. Afterwards it sends everyone to sign-in. */
export default async function SetupPage() {
  if (await hasUsers(await getDb())) redirect("/sign-in");
  return (
    <AuthCard
      title="Create the first admin"
      description="Touchline has no account yet. The account you create here signs in to this workspace; this page is not shown again."
    >
      <SetupForm />
      {env().TOUCHLINE_DEMO === "on" ? (
        <DemoHint>
          The demo workspace is behind this sign-in too. Create your account here and you land in it: four connections
          to built-in simulators of {vendorNames()}, syncing generated data in the background. To skip this page, start
          Touchline with <code>TOUCHLINE_ADMIN_EMAIL</code> and <code>TOUCHLINE_ADMIN_PASSWORD</code>.
        </DemoHint>
      ) : (
        <p className="mt-4 text-xs text-muted-foreground">
          To create the admin without this page, start Touchline with <code>TOUCHLINE_ADMIN_EMAIL</code> and{" "}
          <code>TOUCHLINE_ADMIN_PASSWORD</code>.
        </p>
      )}
    </AuthCard>
  );
}
