/**
 * A minimal client of the emulator's own `/admin` endpoint, speaking the wire protocol wx-server-sdk speaks
 * (shared notes §1), so seeding works against whatever database implementation the emulator runs.
 */
export class AdminCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AdminCallError';
  }
}

export async function adminCall(adminUrl: string, envId: string, action: string, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${adminUrl}?env=${encodeURIComponent(envId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, envName: envId, ...fields }),
  });
  if (res.status !== 200) throw new AdminCallError(`HTTP_${res.status}`, `${action}: HTTP ${res.status}`);
  const body = (await res.json()) as Record<string, unknown>;
  if (typeof body.code === 'string' && body.code) throw new AdminCallError(body.code, `${action}: ${body.code} ${String(body.message ?? '')}`);
  return body;
}
