/**
 * USB and Bluetooth 2D scanners in keyboard mode ("wedge"): they type the code's digits faster
 * than any person and press Enter. This listener catches such a burst wherever the focus is.
 *
 * Digits are read from `event.code` (Digit0–9, Numpad0–9), not `event.key`, so an active Chinese
 * input method (which reports key "Process" and composes) cannot garble them; composition events
 * are ignored. Once a burst of digits is recognised, its keys stop reaching the focused field,
 * and the field gets back the value it had before the burst began.
 *
 * A code that is not ours (a payment code, a product barcode, a link) is a burst too: it is
 * handed over like any other so the screen can say at once that it is not a points code, rather
 * than leave the last verdict standing. Other characters than digits count in a burst but are
 * never held back from the field (a fast typist must not lose letters); the field is restored
 * when the burst ends as a scan.
 */

/** Scanners type a key every few ms; people rarely faster than 80 ms. */
export const WEDGE_MAX_GAP_MS = 50;
/** Fewer characters than this are a person typing, not a scan (EAN-8 is the shortest barcode). */
export const WEDGE_MIN_CHARS = 8;
/**
 * A pause this long ends a burst. Between the two, a late key (a busy phone, a Bluetooth hiccup)
 * does not break the scan: the burst is judged by its median gap.
 */
const WEDGE_RESET_GAP_MS = 300;

function digitOf(event: KeyboardEvent): string | null {
  const m = /^(?:Digit|Numpad)([0-9])$/.exec(event.code);
  if (m) return m[1]!;
  // Some Bluetooth scanners send no code; their key is still the digit.
  if (event.code === '' && /^[0-9]$/.test(event.key)) return event.key;
  return null;
}

/** Any other printable character (a link's letters and slashes); an input method's keys are not. */
const otherCharOf = (event: KeyboardEvent): string | null =>
  event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey ? event.key : null;

const isEnter = (event: KeyboardEvent) =>
  event.code === 'Enter' || event.code === 'NumpadEnter' || event.key === 'Enter';

type Editable = HTMLInputElement | HTMLTextAreaElement;
const editable = (el: Element | null): Editable | null =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : null;

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.POSITIVE_INFINITY;
}

export function listenForWedgeScanner(onScan: (text: string) => void, target: Window = window): () => void {
  let chars = '';
  let gaps: number[] = [];
  let last = 0;
  // Once three digits came fast, this is a scanner: its keys stop reaching the focused field.
  let swallowing = false;
  let field: Editable | null = null;
  let fieldValue = '';

  const reset = () => {
    chars = '';
    gaps = [];
    swallowing = false;
    field = null;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const now = event.timeStamp || performance.now();
    const gap = now - last;
    last = now;
    const digit = digitOf(event);
    const char = digit ?? otherCharOf(event);
    if (char !== null) {
      if (chars.length === 0 || gap > WEDGE_RESET_GAP_MS) {
        reset();
        field = editable(document.activeElement);
        fieldValue = field?.value ?? '';
      } else {
        gaps.push(gap);
      }
      chars += char;
      const n = gaps.length;
      if (!swallowing && n >= 2 && gaps[n - 1]! <= WEDGE_MAX_GAP_MS && gaps[n - 2]! <= WEDGE_MAX_GAP_MS) {
        swallowing = true;
      }
      if (swallowing && digit !== null) event.preventDefault();
      return;
    }
    if (
      isEnter(event) &&
      chars.length >= WEDGE_MIN_CHARS &&
      gap <= WEDGE_RESET_GAP_MS &&
      median(gaps) <= WEDGE_MAX_GAP_MS
    ) {
      event.preventDefault();
      event.stopPropagation();
      const scanned = chars;
      // The first keys of the burst reached the field before we knew: put its value back.
      if (field && field.value !== fieldValue) {
        field.value = fieldValue;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
      reset();
      onScan(scanned);
      return;
    }
    if (event.key !== 'Shift' && event.key !== 'Process') reset();
  };
  // Capture phase on the window: the scan works wherever the focus is and before any handler.
  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
