/**
 * Keyboard shortcuts of a screen. Keys are matched by their physical position (`KeyA`, `Digit1`),
 * not the character typed, because Alt with a letter types a different character on a Mac
 * (Option+A is "å") and on some layouts.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';

export interface Shortcut {
  /** `Alt+KeyA`, `Alt+Digit1`, `Mod+Enter` (Ctrl, or Cmd on a Mac), `F1`, `Mod+Slash`. */
  chord: string;
  run: () => void;
}

function chordOf(event: KeyboardEvent): string {
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Mod');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  parts.push(event.code === '' ? event.key : event.code);
  return parts.join('+');
}

/** Numpad Enter saves like Enter. */
function normalise(chord: string): string {
  return chord.replace('NumpadEnter', 'Enter');
}

/**
 * Listens on the window while `enabled`, so the shortcuts work from any field of the screen; a
 * matched chord does nothing else (no character typed, no browser action).
 */
export function useShortcuts(shortcuts: readonly Shortcut[], enabled = true): void {
  const current = useRef(shortcuts);
  // The latest handlers, without re-adding the listener on every render.
  useLayoutEffect(() => {
    current.current = shortcuts;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const chord = normalise(chordOf(event));
      const shortcut = current.current.find((candidate) => candidate.chord === chord);
      if (!shortcut) return;
      event.preventDefault();
      event.stopPropagation();
      shortcut.run();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
