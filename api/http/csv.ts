/** CSV downloads, as both front doors send them: UTF-8 with a BOM (so Excel reads the Chinese names), named for the disk. */
import type { Context } from 'hono';
import type { CsvFile } from '../settlement/statements.ts';

/** Excel reads a CSV as the local code page unless it starts with a UTF-8 byte order mark. */
const BOM = '\uFEFF';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

export function csvResponse(c: Context, file: CsvFile) {
  return c.body(`${BOM}${file.text}`, 200, {
    'content-type': CSV_CONTENT_TYPE,
    'content-disposition': `attachment; filename="${file.filename}"`,
  });
}

/** The OpenAPI description of a route that answers JSON, or CSV with ?format=csv. */
export const jsonOrCsv = <T>(schema: T, description: string) => ({
  200: {
    description: `${description} (JSON, or with ?format=csv a CSV file: UTF-8 with a BOM)`,
    content: {
      'application/json': { schema },
      'text/csv': { schema: { type: 'string' as const } },
    },
  },
});
