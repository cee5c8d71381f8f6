import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { PasswordForm } from "@/components/auth/password-form";
import { ROLE_HELP, ROLE_LABELS } from "@/lib/model/plain/roles";
import { findLink } from "@/lib/server/team/links";
import { getDb } from "@/lib/server/store/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "Join the team" };

/** An invitation link: create your account with the role it gives, once. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await findLink(await getDb(), "invite", token);
  if (!link?.role) {
    return (
      <AuthCard
        title="This invitation does not work"
        description="It was used already, has expired, or was withdrawn. Ask the person who invited you for a new link."
      >
        <Link href="/sign-in" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
          Sign in instead
        </Link>
      </AuthCard>
    );
  }
  const role = link.role;
  return (
    <AuthCard
      title="Join your team on Touchline"
      description={`You are invited as ${ROLE_LABELS[role].toLowerCase()}: ${ROLE_HELP[role].toLowerCase()} The link works once, until ${new Date(link.expiresAt).toUTCString().slice(0, 16)}.`}
    >
      <PasswordForm endpoint={`/invites/${encodeURIComponent(token)}/accept`} join submitLabel="Create my account" />
    </AuthCard>
  );
}
