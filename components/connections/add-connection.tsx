"use client";

import { Plus } from "@/components/ui/icons";
import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Connection } from "@/lib/model/connection";

// The dialog (Radix Dialog, the form) is fetched when the button is hovered, focused or
// pressed: the settings page's first load carries only the button.
const loadDialog = () => import("./add-connection-dialog");
const AddConnectionDialog = dynamic(() => import("./add-connection-dialog").then((m) => m.AddConnectionDialog));

/** The "Add connection" button and, once it has been pressed, its dialog. */
export function AddConnectionButton({
  onConnected,
  label = "Add connection",
}: {
  onConnected: (c: Connection) => void;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button
        ref={trigger}
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        onClick={() => {
          setUsed(true);
          setOpen(true);
        }}
      >
        <Plus aria-hidden /> {label}
      </Button>
      {used ? <AddConnectionDialog open={open} setOpen={setOpen} onConnected={onConnected} trigger={trigger} /> : null}
    </>
  );
}
