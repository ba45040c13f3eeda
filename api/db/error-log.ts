/**
 * What of an error may be logged. Database errors carry the statement's parameters (residents'
 * names, phone numbers) in drizzle's message and values in PostgreSQL's own message; the log
 * gets the statement, the SQLSTATE and where it failed, with quoted values blanked out.
 */

/** The SQLSTATE of a database error, looking through drizzle's wrapper. */
export function sqlState(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface LoggedError {
  name: string;
  message: string;
  code?: string;
  query?: string;
  constraint?: string;
  table?: string;
  stack?: string;
}

const blankQuoted = (text: string) => text.replace(/"[^"]*"|'[^']*'|\([^)]*\)=\([^)]*\)/g, '"…"');

export function errorForLog(err: unknown): LoggedError {
  if (!(err instanceof Error)) return { name: 'NonError', message: blankQuoted(String(err)).slice(0, 200) };
  const code = sqlState(err);
  const query = (err as { query?: unknown }).query;
  const cause = (err as { cause?: unknown }).cause;
  const driver = (cause instanceof Error ? cause : err) as Error & {
    constraint_name?: string;
    constraint?: string;
    table_name?: string;
    table?: string;
  };
  if (code || typeof query === 'string') {
    return {
      name: driver.name,
      // drizzle's own message ends with "params: …": keep only the driver's words, values blanked.
      message: blankQuoted(driver === err ? err.message.split('\nparams:')[0]! : driver.message),
      ...(code ? { code } : {}),
      ...(typeof query === 'string' ? { query } : {}),
      ...(driver.constraint_name || driver.constraint
        ? { constraint: driver.constraint_name ?? driver.constraint }
        : {}),
      ...(driver.table_name || driver.table ? { table: driver.table_name ?? driver.table } : {}),
    };
  }
  return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
}
