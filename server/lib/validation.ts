import type { z } from 'zod';

/** `items[0].qty` for the path ['items', 0, 'qty']; `input` for the root. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || 'input';
}

/** One readable line naming each failing field, e.g. `name: Invalid input: expected string, received number`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ');
}
