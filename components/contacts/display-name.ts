// On its own so the contact list can name people without importing the contact header
// (and the Radix Popover it carries) into its bundle.
export const displayName = (c: { name: string | null; email: string | null }) =>
  c.name?.trim() || c.email || "Unnamed person";
