import { redirect } from "next/navigation";
import { AuthCard, DemoHint } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { env } from "@/lib/env";
import { getCurrentUser, safeNext } from "@/lib/server/auth/current-user";
import { hasUsers } from "@/lib/server/auth/users";
import { getDb } from "@/lib/server/store/db";
import { vendorNames } from "@/lib/vendors/metas";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).next;
  const next = safeNext(typeof raw === "string" ? raw : null);
  if (!(await hasUsers(await getDb()))) redirect("/setup");
  if (await getCurrentUser()) redirect(next);
  return (
    <AuthCard title="Sign in to Touchline" description={`Your team’s outreach across ${vendorNames()}.`}>
      <SignInForm next={next} />
      {env().TOUCHLINE_DEMO === "on" ? (
        <DemoHint>
          Sign in with the admin account created on the setup page — or, if Touchline was started with{" "}
          <code>TOUCHLINE_ADMIN_EMAIL</code> and <code>TOUCHLINE_ADMIN_PASSWORD</code>, with those. The demo data comes
          from built-in simulators of the four vendors.
        </DemoHint>
      ) : null}
    </AuthCard>
  );
}
