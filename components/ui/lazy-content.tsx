import type { ComponentType } from "react";

/**
 * A component whose code is fetched on first intent instead of with the page. `load` starts (or
 * joins) the fetch; `Content` renders it once here (null before); `loaded()` says if it is.
 * For a panel, pass `load` to LazyPopover: the panel opens once the contents are here, so focus
 * lands inside them.
 */
export function lazyContent<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<unknown> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (c) => void (loaded = c),
      (e: unknown) => {
        pending = undefined;
        throw e;
      },
    ));
  function Content(props: P) {
    const C = loaded;
    return C ? <C {...props} /> : null;
  }
  return { load: preload, Content, loaded: () => loaded !== undefined };
}
