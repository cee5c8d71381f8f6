"use client";

import { CheckCircle2, TriangleAlert, X } from "@/components/ui/icons";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export interface ToastState {
  id: number;
  tone: "ok" | "error";
  message: string;
  /** A second line: the vendor's reason, or why there is no undo. */
  note?: string;
  undo?: () => void;
}

/** What happened to the last change, for 10 s (errors stay until closed); undo where the vendor can undo. */
export function ActionToast({ toast, onClose }: { toast: ToastState | null; onClose: () => void }) {
  useEffect(() => {
    if (!toast || toast.tone === "error") return;
    const timer = setTimeout(onClose, 10_000);
    return () => clearTimeout(timer);
  }, [toast, onClose]);
  if (!toast) return null;
  const Icon = toast.tone === "ok" ? CheckCircle2 : TriangleAlert;
  return (
    <div
      role={toast.tone === "error" ? "alert" : "status"}
      className={cn(
        "fixed inset-x-3 bottom-3 z-50 mx-auto flex max-w-lg items-start gap-3 rounded-xl border bg-card p-3 text-sm shadow-lg sm:inset-x-auto sm:right-4 sm:bottom-4",
        toast.tone === "error" && "border-destructive/50",
      )}
    >
      <Icon
        className={cn("mt-0.5 size-4 shrink-0", toast.tone === "ok" ? "text-emerald-600" : "text-destructive")}
        aria-hidden
      />
      <div className="min-w-0 flex-1">
        <p className="font-medium break-words">{toast.message}</p>
        {toast.note ? <p className="mt-0.5 break-words text-muted-foreground">{toast.note}</p> : null}
      </div>
      {toast.undo ? (
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            toast.undo?.();
            onClose();
          }}
        >
          Undo
        </Button>
      ) : null}
      <button
        type="button"
        onClick={onClose}
        className="rounded-md p-1 text-muted-foreground hover:bg-muted hover:text-foreground"
        aria-label="Dismiss"
      >
        <X className="size-4" aria-hidden />
      </button>
    </div>
  );
}
