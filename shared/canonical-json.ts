/**
 * JSON with object keys sorted, so two equal values always give the same text (and the same
 * hash) whatever order their keys came in. JSON.stringify escapes control characters and lone
 * surrogates, so the text is always safe to store.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
