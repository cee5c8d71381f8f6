"use client";

import { Download } from "@/components/ui/icons";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { downloadCsv } from "./csv";

/** A chart's card: title, what it shows, the data as CSV, then the chart. */
export function ChartCard({
  title,
  description,
  csv,
  actions,
  children,
  className,
}: {
  title: string;
  description?: ReactNode;
  /** The data behind the chart: a file name and a function building the CSV text. */
  csv?: { name: string; build: () => string } | null;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <Card className={cn("flex min-w-0 flex-col", className)} aria-label={title}>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="min-w-0 flex-1 space-y-1">
          <CardTitle>{title}</CardTitle>
          {description ? <CardDescription className="text-xs">{description}</CardDescription> : null}
        </div>
        <div className="flex shrink-0 flex-wrap items-center justify-end gap-2">
          {actions}
          {csv ? (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => downloadCsv(csv.name, csv.build())}
              aria-label={`Download the ${title.toLowerCase()} data as CSV`}
            >
              <Download aria-hidden />
              CSV
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent className="flex-1">{children}</CardContent>
    </Card>
  );
}
