import "server-only";
import crypto from "node:crypto";

/**
 * Versioned AES-256-GCM envelope for one vendor API key:
 *   v1.<key id>.<nonce, base64url>.<ciphertext‖tag, base64url>
 * A fresh 96-bit nonce per write; the connection id and vendor are associated data,
 * so a ciphertext copied onto another row fails authentication instead of decrypting.
 */
export class KeyUnreadableError extends Error {
  override name = "KeyUnreadableError";
}

export interface EnvelopeContext {
  connectionId: string;
  vendor: string;
}

const aad = (c: EnvelopeContext) => Buffer.from(`touchline/api-key/v1|${c.connectionId}|${c.vendor}`);

export function seal(plaintext: string, key: Buffer, keyId: string, ctx: EnvelopeContext): string {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(aad(ctx));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return ["v1", keyId, nonce.toString("base64url"), body.toString("base64url")].join(".");
}

export function open(envelope: string, keys: Map<string, Buffer>, ctx: EnvelopeContext): string {
  const [version, keyId, nonceB64, bodyB64, ...rest] = envelope.split(".");
  if (version !== "v1" || !keyId || !nonceB64 || !bodyB64 || rest.length)
    throw new KeyUnreadableError("unknown envelope format");
  const key = keys.get(keyId);
  if (!key) throw new KeyUnreadableError(`encrypted with another master key (${keyId})`);
  const nonce = Buffer.from(nonceB64, "base64url");
  const body = Buffer.from(bodyB64, "base64url");
  if (nonce.length !== 12 || body.length < 17) throw new KeyUnreadableError("damaged envelope");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, nonce);
    decipher.setAAD(aad(ctx));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw new KeyUnreadableError("the stored key failed authentication (tampered, or copied from another connection)");
  }
}

/** `••••abcd`: the only form of a key that ever leaves the server. */
export function keyHint(apiKey: string): string {
  return `••••${apiKey.slice(-4)}`;
}
