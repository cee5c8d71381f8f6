/**
 * POST for the pages before sign-in. Not apiFetch: a 401 here is an answer to show,
 * not a reason to go to the sign-in page.
 */
export async function postJson(
  path: string,
  body: unknown,
): Promise<{ ok: boolean; status: number; detail: string | null; retryAfter: number | null }> {
  try {
    const res = await fetch(`/api/v1${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    let detail: string | null = null;
    if (!res.ok) {
      const p = (await res.json().catch(() => null)) as { detail?: string; errors?: { message: string }[] } | null;
      const first = p?.errors?.[0]?.message;
      detail =
        res.status === 400 && first
          ? `${first[0]!.toUpperCase()}${first.slice(1)}.`
          : (p?.detail ?? `Request failed (${res.status}).`);
    }
    const ra = Number(res.headers.get("retry-after"));
    return { ok: res.ok, status: res.status, detail, retryAfter: Number.isFinite(ra) && ra > 0 ? ra : null };
  } catch {
    return {
      ok: false,
      status: 0,
      detail: "Touchline could not be reached. Check that the server is running and try again.",
      retryAfter: null,
    };
  }
}
