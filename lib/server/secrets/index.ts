import "server-only";
import { registerSecret } from "../log";
import { type EnvelopeContext, KeyUnreadableError, open, seal } from "./envelope";
import { masterKey } from "./master-key";

export { KeyUnreadableError, keyHint } from "./envelope";
export { checkMasterKey, masterKey, MasterKeyMismatchError } from "./master-key";

export function encryptApiKey(apiKey: string, ctx: EnvelopeContext): string {
  const mk = masterKey();
  registerSecret(apiKey);
  return seal(apiKey, mk.key, mk.id, ctx);
}

/** Throws KeyUnreadableError when the envelope is damaged, moved or from another master key. */
export function decryptApiKey(envelope: string, ctx: EnvelopeContext): string {
  const mk = masterKey();
  const key = open(envelope, new Map([[mk.id, mk.key]]), ctx);
  registerSecret(key); // every later log line masks it
  return key;
}

/** Whether a stored key still opens (untampered, on its own row, under this master key). */
export function isKeyReadable(envelope: string, ctx: EnvelopeContext): boolean {
  try {
    decryptApiKey(envelope, ctx);
    return true;
  } catch (err) {
    if (err instanceof KeyUnreadableError) return false;
    throw err;
  }
}

/** The words shown for a key that no longer opens; the fix is to enter it again. */
export const KEY_UNREADABLE_MESSAGE =
  "The stored key could not be read (it may have been tampered with, or encrypted under another master key). Enter the key again.";
