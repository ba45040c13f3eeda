/**
 * Console forms parsed with the same zod schemas as the JSON API (application/inputs.ts). A form
 * sends strings only: a field the schema wants as a number is read as one, and an empty field is
 * left out (or, where the schema takes null — "clear the phone" — is null). A discriminated union
 * (an offer's kind) is read by the fields of the kind chosen.
 */
import type { Context } from 'hono';
import type { z } from 'zod';

type Def = {
  type: string;
  innerType?: ZodLike;
  in?: ZodLike;
  shape?: Record<string, ZodLike>;
  options?: ZodLike[];
  discriminator?: string;
};
type ZodLike = { _zod: { def: Def } };

interface FieldKind {
  number: boolean;
  nullable: boolean;
}

function fieldKind(schema: ZodLike): FieldKind {
  let s = schema;
  let nullable = false;
  for (;;) {
    const def = s._zod.def;
    if (def.type === 'nullable') nullable = true;
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType)
      s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return { number: def.type === 'number', nullable };
  }
}

/** The fields of an object schema, or of the union member whose discriminator the form chose. */
function shapeFor(schema: ZodLike, form: Record<string, unknown>): Record<string, ZodLike> {
  const def = schema._zod.def;
  if (def.shape) return def.shape;
  if (def.type === 'pipe' && def.in) return shapeFor(def.in, form);
  if (def.options && def.discriminator) {
    const chosen = def.options.find((o) => {
      const literal = o._zod.def.shape?.[def.discriminator!]?._zod.def as { values?: unknown[] } | undefined;
      return literal?.values?.includes(form[def.discriminator!]);
    });
    return chosen?._zod.def.shape ?? {};
  }
  return {};
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; fields: string[] };

/** Reads the posted form (plus values from the URL, e.g. the resident's id) into the schema's type. */
export async function parseForm<S extends z.ZodType>(
  c: Context,
  schema: S,
  extra: Record<string, unknown> = {},
): Promise<FormResult<z.output<S>>> {
  const posted = (await c.req.parseBody()) as Record<string, unknown>;
  const shape = shapeFor(schema as unknown as ZodLike, posted);
  const values: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(shape)) {
    const raw = posted[name];
    if (typeof raw !== 'string') continue;
    const kind = fieldKind(field);
    const text = raw.trim();
    if (text === '') {
      if (kind.nullable) values[name] = null;
      continue;
    }
    values[name] = kind.number && /^-?\d+$/.test(text) ? Number(text) : raw;
  }
  // Values from the URL or worked out by the page count only where the schema has the field.
  for (const [name, value] of Object.entries(extra))
    if (name in shape && value !== undefined) values[name] = value;
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))] };
}

/** The query that tells a page which fields of its form were refused. */
export const refusedFields = (fields: string[]) =>
  `error=invalid_request&fields=${encodeURIComponent(fields.filter(Boolean).join(','))}`;
