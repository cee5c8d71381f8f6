"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** One pause for every search box: long enough to skip the keystrokes between, short enough to feel live. */
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * A search box's text: it answers at once, and `commit` (writing the URL, and so the query)
 * follows a pause after the last keystroke. When the URL changes under the box (a reset, the
 * back button), the box follows it. The third element sets the box to text the caller
 * writes to the URL itself (a "clear search" button), so it is not written a second time.
 */
export function useDebouncedSearch(
  fromUrl: string,
  commit: (q: string) => void,
): [string, (text: string) => void, (text: string) => void] {
  const [text, setText] = useState(fromUrl);
  const sent = useRef(fromUrl);
  useEffect(() => {
    if (fromUrl !== sent.current) {
      sent.current = fromUrl;
      setText(fromUrl);
    }
  }, [fromUrl]);
  useEffect(() => {
    if (text === sent.current) return;
    const id = setTimeout(() => {
      // The URL may have moved to this text meanwhile (a reset): nothing left to write.
      if (text === sent.current) return;
      sent.current = text;
      commit(text);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [text, commit]);
  const settle = useCallback((t: string) => {
    sent.current = t;
    setText(t);
  }, []);
  return [text, setText, settle];
}
