/**
 * The document matches the wire (issue #21): every JSON answer the API test suites receive is
 * checked against the OpenAPI document's schema for that operation and status, with a JSON
 * Schema 2020-12 validator (ajv; OpenAPI 3.1 schemas are JSON Schema). A response whose body
 * drifts from the document, an undocumented status, or a JSON answer on a path the document
 * does not have fails the test that received it.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};

export interface ResponseCheck {
  method: string;
  /** The request's path, with its query string if any. */
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly routes: { method: string; template: string; pattern: RegExp }[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: Document) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats.default(this.ajv);
    this.ajv.addSchema(doc as object, 'openapi');
    for (const [template, ops] of Object.entries(doc.paths)) {
      const pattern = new RegExp(
        `^${template.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`)).replace(/\{[^}]+\}/g, '[^/]+')}$`,
      );
      for (const method of Object.keys(ops)) this.routes.push({ method, template, pattern });
    }
    // Literal segments win over parameters (/v1/households/plates/{token} before /v1/households/{id}/…).
    const literals = (t: string) => t.split('/').filter((s) => s && !s.startsWith('{')).length;
    this.routes.sort((a, b) => literals(b.template) - literals(a.template));
  }

  private problemShape(where: string, body: unknown): string | undefined {
    let validate = this.compiled.get('Problem');
    if (!validate) {
      validate = this.ajv.compile({ $ref: 'openapi#/components/schemas/Problem' });
      this.compiled.set('Problem', validate);
    }
    return validate(body)
      ? undefined
      : `${where}: not a problem document: ${this.ajv.errorsText(validate.errors)}`;
  }

  /** The operation's path template, or undefined when the document has no such path. */
  templateOf(method: string, path: string): string | undefined {
    const bare = path.split('?')[0]!;
    return this.routes.find((r) => r.method === method.toLowerCase() && r.pattern.test(bare))?.template;
  }

  /** What is wrong with a response, in words; undefined when it matches the document. */
  problems(check: ResponseCheck): string | undefined {
    const json = check.contentType?.includes('json');
    const method = check.method.toLowerCase();
    const template = this.templateOf(method, check.path);
    const where = `${check.method} ${check.path} → ${check.status}`;
    // Paths the document does not have answer 404 (or 405) from the router: nothing to compare.
    if (!template) return undefined;
    const responses = this.doc.paths[template]![method]!.responses ?? {};
    const declared = responses[String(check.status)] ?? responses.default;
    if (!declared) {
      // Any route may meet the plumbing's refusals (a body too large, too many attempts, the
      // database gone): undeclared there, they must still be a problem document.
      if (check.contentType?.includes('application/problem+json'))
        return this.problemShape(where, check.body);
      return `${where}: status ${check.status} is not declared for ${method.toUpperCase()} ${template}`;
    }
    if (!json) return undefined;
    const mediaType = Object.keys(declared.content ?? {}).find((m) => check.contentType!.includes(m));
    if (!mediaType) return `${where}: ${check.contentType} is not declared for this status`;
    const key = `${template} ${method} ${check.status} ${mediaType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const status = responses[String(check.status)] ? String(check.status) : 'default';
      const pointer = ['paths', template, method, 'responses', status, 'content', mediaType, 'schema']
        .map(escapePointer)
        .join('/');
      validate = this.ajv.compile({ $ref: `openapi#/${pointer}` });
      this.compiled.set(key, validate);
    }
    if (validate(check.body)) return undefined;
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '(body)'} ${e.message}`)
      .join('; ');
    return `${where}: the body does not match the document (${template}): ${errors}`;
  }
}

let shared: Promise<OpenApiValidator> | undefined;

/** One validator per test file, from the document the app itself serves. */
export function documentValidator(fetchDocument: () => Promise<unknown>): Promise<OpenApiValidator> {
  shared ??= fetchDocument().then((doc) => new OpenApiValidator(doc as Document));
  return shared;
}

/** Checks a response against the document; throws with the problem in words. */
export async function checkResponse(
  validator: OpenApiValidator,
  method: string,
  path: string,
  res: Response,
) {
  const contentType = res.headers.get('content-type');
  if (res.status === 204 || !contentType?.includes('json')) {
    const problem = validator.problems({ method, path, status: res.status, contentType, body: undefined });
    if (problem) throw new Error(problem);
    return;
  }
  const text = await res.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${method} ${path} → ${res.status}: ${contentType} but not JSON`);
  }
  const problem = validator.problems({ method, path, status: res.status, contentType, body });
  if (problem) throw new Error(problem);
}
