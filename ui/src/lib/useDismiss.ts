// Closes a popup (a calendar, a menu) when the merchant clicks outside it or presses Escape;
// when it closes with the focus inside it (Escape, a day picked), the focus goes back to the
// button that opened it (`[aria-haspopup]` inside `root`), not to the top of the page.
import { useEffect, useRef, type RefObject } from 'react';

export function useDismiss(open: boolean, close: () => void, root: RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      // Handled: nothing else (going back a screen) acts on this Escape.
      e.preventDefault();
      close();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, close, root]);

  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) {
      const at = document.activeElement;
      const lost = !at || at === document.body || (root.current?.contains(at) ?? false);
      if (lost) root.current?.querySelector<HTMLElement>('[aria-haspopup]')?.focus();
    }
    wasOpen.current = open;
  }, [open, root]);
}
