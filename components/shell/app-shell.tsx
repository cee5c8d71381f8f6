import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { requireUser } from "@/lib/server/auth/current-user";
import { listConnectionsForRender } from "@/lib/server/queries/connections";
import { BottomNav } from "./bottom-nav";
import { Logo } from "./logo";
import { SidebarNav } from "./sidebar-nav";
import { ThemeToggle } from "./theme-toggle";
import { WorkspaceStatus } from "./workspace-status";

export async function AppShell({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const connections = await listConnectionsForRender();
  return (
    <div className="flex min-h-dvh">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-card focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-dvh w-56 shrink-0 flex-col gap-6 border-r bg-sidebar px-3 py-4 md:flex">
        <Logo />
        <SidebarNav role={user.role} />
        <div className="mt-auto">
          <ThemeToggle />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-20 flex min-h-14 items-center gap-2 border-b bg-background/85 px-3 py-1.5 backdrop-blur sm:gap-4 sm:px-6 sm:py-2">
          <div className="md:hidden max-sm:[&_span]:sr-only max-sm:[&>div]:px-1">
            <Logo />
          </div>
          <WorkspaceStatus initial={connections} />
          <div className="ml-auto flex items-center gap-1">
            <div className="md:hidden [&_button]:min-h-11 [&_button>span]:sr-only">
              <ThemeToggle />
            </div>
            <UserMenu email={user.email} name={user.name} role={user.role} />
          </div>
        </header>
        {/* Bottom padding on narrow screens keeps the last row clear of the bottom navigation. */}
        <main id="main" className="mx-auto w-full max-w-[1400px] flex-1 px-3 pt-4 pb-24 sm:px-6 sm:py-6 md:pb-6">
          {children}
        </main>
        <BottomNav role={user.role} />
      </div>
    </div>
  );
}
