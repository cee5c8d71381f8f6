import { ShownOnce } from "@/components/ui/shown-once";

/** A one-time link shown once, with a copy button (no email server: the admin hands it over). */
export function CopyLink(props: { title: string; help: string; url: string; label: string; onDone: () => void }) {
  return (
    <ShownOnce
      title={props.title}
      help={props.help}
      value={props.url}
      label={props.label}
      copyText="Copy link"
      onDone={props.onDone}
    />
  );
}
