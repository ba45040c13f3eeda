/**
 * The one rule for every string the API takes in: no NUL (PostgreSQL refuses 0x00), no lone
 * UTF-16 surrogate (it is not text: JSON columns and other systems refuse it), and no other
 * control character except tab and line breaks. Names are also trimmed and kept on one line.
 * Every schema's strings are built from these, and a guard applies `isCleanText` to every
 * string of every request, so a field nobody thought of is covered too.
 */
import { z } from 'zod';

/** Finds the first character that is not allowed in stored text, or -1. */
export function firstBadChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return i;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return i;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return i;
    }
  }
  return -1;
}

export const isCleanText = (text: string): boolean => firstBadChar(text) < 0;

export const CLEAN_TEXT_MESSAGE = 'must not contain control characters or broken Unicode';

/** Free text up to `max` characters (a reason, a note, an address). */
export const Text = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).refine(isCleanText, CLEAN_TEXT_MESSAGE);

/** A name people read: trimmed, one line, 1…max characters. */
export const Name = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => isCleanText(s) && !/[\r\n\t]/.test(s), 'must be one line of text');

/** Keeps the first character and, for names of three or more, the last: 王桂兰 → 王*兰, 李四 → 李*. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}
