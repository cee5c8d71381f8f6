import { Lock } from "@/components/ui/icons";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { ROLE_LABELS, type Role } from "@/lib/model/plain/roles";

/** What a page shows a role below its rule (the page twin of an API 403). */
export function Forbidden({ need, role, what }: { need: Role; role: Role; what: string }) {
  return (
    <EmptyState
      icon={Lock}
      title={`${what} are for ${ROLE_LABELS[need].toLowerCase()}s`}
      action={
        <Link href="/settings/profile" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
          Go to your profile
        </Link>
      }
    >
      You are signed in as a {ROLE_LABELS[role].toLowerCase()}. Ask an admin of your team if you need this.
    </EmptyState>
  );
}
