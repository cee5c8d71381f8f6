"use client";

import { useEffect } from "react";
import { startInteractiveMark } from "./interactive";

/** Sets the page's interactive mark (interactive.ts) once the root has hydrated. */
export function InteractiveMark() {
  useEffect(startInteractiveMark, []);
  return null;
}
