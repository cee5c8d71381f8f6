import { SearchX } from "@/components/ui/icons";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24">
      <EmptyState
        icon={SearchX}
        title="Nothing here"
        action={
          <Button asChild variant="secondary">
            <Link href="/">Back to the overview</Link>
          </Button>
        }
      >
        The page or record you asked for does not exist, or was removed with its connection.
      </EmptyState>
    </main>
  );
}
