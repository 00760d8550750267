import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signs temporary download URLs and upload authorisations, like COS does: a URL carries `sign` and `t`
 * (expiry, seconds since the epoch on the emulator clock). The key is per emulator run, so old links stop
 * working after a restart, as expired real links do.
 */
export class UrlSigner {
  private readonly key = randomBytes(32);

  sign(purpose: 'get' | 'put', cloudPath: string, expiresAtSec: number): string {
    return createHmac('sha256', this.key).update(`${purpose}\n${cloudPath}\n${expiresAtSec}`).digest('hex').slice(0, 40);
  }

  verify(purpose: 'get' | 'put', cloudPath: string, expiresAtSec: number, signature: string): boolean {
    const want = Buffer.from(this.sign(purpose, cloudPath, expiresAtSec));
    const got = Buffer.from(signature);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}
