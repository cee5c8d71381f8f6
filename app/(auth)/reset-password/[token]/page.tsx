import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { PasswordForm } from "@/components/auth/password-form";
import { findUserById } from "@/lib/server/auth/users";
import { findLink } from "@/lib/server/team/links";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "Choose a new password" };

/** A password-reset link an admin handed over: choose a new password, once. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const link = await findLink(db, "password_reset", token);
  const user = link?.userId ? await findUserById(db, link.userId) : null;
  if (!link || !user) {
    return (
      <AuthCard
        title="This reset link does not work"
        description="It was used already or has expired. Ask an admin of your team for a new one."
      >
        <Link href="/sign-in" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
          Back to sign-in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Choose a new password"
      description={`For ${user.email}. Every session of this account ends; you are signed in here.`}
    >
      <PasswordForm
        endpoint={`/password-resets/${encodeURIComponent(token)}`}
        join={false}
        fixedEmail={user.email}
        submitLabel="Set the new password"
      />
    </AuthCard>
  );
}
