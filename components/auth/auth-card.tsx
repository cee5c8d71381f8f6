import { FlaskConical } from "@/components/ui/icons";
import type { ReactNode } from "react";

export function AuthCard({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <div className="rounded-2xl border bg-card p-8 shadow-sm">
      <div className="mb-6 space-y-1.5">
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {children}
    </div>
  );
}

/** How to get into the demo workspace. */
export function DemoHint({ children }: { children: ReactNode }) {
  return (
    <aside
      aria-label="Demo workspace"
      className="mt-6 flex gap-2.5 rounded-lg border border-warning/40 bg-warning/10 px-3.5 py-3 text-xs leading-relaxed [&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_code]:font-mono"
    >
      <FlaskConical className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div>
        <p className="mb-1 font-semibold">Demo workspace</p>
        <p className="text-muted-foreground">{children}</p>
      </div>
    </aside>
  );
}
