import "server-only";
import { registerSecret } from "../log";
import { type EnvelopeContext, open, seal } from "./envelope";
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
