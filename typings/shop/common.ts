/**
 * Scalar conventions shared by every shop document and API.
 *
 * - Money is an integer number of fen (1 yuan = 100 fen). Never a float, never a string.
 * - Time is milliseconds since the Unix epoch (UTC), as a plain number, so a value survives the cloud database and
 *   `callFunction` JSON unchanged. Display code converts to Asia/Shanghai.
 */

/** Integer amount in fen (1/100 CNY). Always a safe integer. */
export type Fen = number;

/** Milliseconds since the Unix epoch (UTC). */
export type EpochMs = number;

/** A WeChat user's openid within this mini-program. */
export type OpenId = string;
