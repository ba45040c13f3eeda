/**
 * /docs: a readable reference drawn from the same OpenAPI document as /openapi.json.
 * Rendered on the server with no script, so it works offline and needs no CDN.
 */
type Doc = ReturnType<import('@hono/zod-openapi').OpenAPIHono['getOpenAPI31Document']>;

interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  parameters?: { name: string; in: string; required?: boolean }[];
  responses?: Record<string, { description?: string }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function resolve(doc: Doc, schema: unknown): unknown {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  if (!ref) return schema;
  const name = ref.split('/').pop()!;
  return (doc.components?.schemas as Record<string, unknown> | undefined)?.[name] ?? schema;
}

export function apiReferencePage(doc: Doc) {
  const ops: { method: string; path: string; op: Operation }[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (op) ops.push({ method, path, op });
    }
  }
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{doc.info.title}</title>
        <style>{`body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
section{border-top:1px solid #ccc;padding:.75rem 0}code.m{font-weight:700;text-transform:uppercase;display:inline-block;min-width:4rem}
pre{background:#f5f5f5;padding:.5rem;overflow:auto;font-size:14px}.t{color:#555}`}</style>
      </head>
      <body>
        <h1>{doc.info.title}</h1>
        <p>{doc.info.description}</p>
        <p>
          Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Vouchers:{' '}
          <a href="/.well-known/jwks.json">/.well-known/jwks.json</a>.
        </p>
        {ops.map(({ method, path, op }) => {
          const body = op.requestBody?.content?.['application/json']?.schema;
          return (
            <section id={`${method}-${path}`}>
              <h2>
                <code class="m">{method}</code> <code>{path}</code>
              </h2>
              <p>
                {op.summary} <span class="t">{op.tags?.join(', ')}</span>
                {op.security?.length ? ' · needs Authorization: Bearer' : ''}
              </p>
              {op.parameters?.length ? (
                <p>
                  Parameters:{' '}
                  {op.parameters
                    .map((p) => `${p.name} (${p.in}${p.required ? ', required' : ''})`)
                    .join(', ')}
                </p>
              ) : null}
              {body ? <pre>{JSON.stringify(resolve(doc, body), null, 2)}</pre> : null}
              <p>
                Responses:{' '}
                {Object.entries(op.responses ?? {})
                  .map(([status, r]) => `${status} ${r.description ?? ''}`)
                  .join(' · ')}
              </p>
            </section>
          );
        })}
      </body>
    </html>
  );
}
