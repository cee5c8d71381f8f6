"use client";

import { AlertTriangle, RotateCw } from "@/components/ui/icons";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <EmptyState
      icon={AlertTriangle}
      title="This page could not be loaded"
      action={
        <Button onClick={reset}>
          <RotateCw aria-hidden /> Try again
        </Button>
      }
    >
      Something went wrong while loading the data. Your data is safe; try again, and if it keeps failing check the
      server log
      {error.digest ? ` (reference ${error.digest})` : ""}.
    </EmptyState>
  );
}
