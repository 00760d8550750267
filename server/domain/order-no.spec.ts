import fc from 'fast-check';
import {
  isValidOutTradeNo,
  makeOrderNo,
  makePickupCode,
  makeRefundNo,
  ORDER_NO_ALPHABET,
  ORDER_NO_PATTERN,
  shanghaiTimestamp,
  RandomInt,
} from './order-no';

/** A deterministic random source that replays the given values (mod max). */
const replay = (values: number[]): RandomInt => {
  let i = 0;
  return (max) => values[i++ % values.length] % max;
};

describe('shanghaiTimestamp', () => {
  it('formats in UTC+8', () => {
    expect(shanghaiTimestamp(Date.UTC(2024, 5, 1, 4, 30, 45))).toBe('20240601123045');
    // 16:00 UTC on 31 Dec is already New Year in Shanghai
    expect(shanghaiTimestamp(Date.UTC(2023, 11, 31, 16, 0, 0))).toBe('20240101000000');
    expect(() => shanghaiTimestamp(NaN)).toThrow(RangeError);
  });
});

describe('makeOrderNo', () => {
  const at = Date.UTC(2024, 5, 1, 4, 30, 45);

  it('is the Shanghai time plus 8 random characters', () => {
    const no = makeOrderNo(at, replay([0, 1, 2, 3, 10, 33, 20, 5]));
    expect(no).toBe(`20240601123045` + '0123AZL5');
    expect(no).toMatch(ORDER_NO_PATTERN);
    expect(isValidOutTradeNo(no)).toBe(true);
  });

  it('rejects a random source out of range', () => {
    expect(() => makeOrderNo(at, () => ORDER_NO_ALPHABET.length)).toThrow(RangeError);
    expect(() => makeOrderNo(at, () => 0.5)).toThrow(RangeError);
  });

  it('property: always a valid out_trade_no of 22 characters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4102444800000 }), fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (now, r) => {
        const no = makeOrderNo(now, replay(r));
        return no.length === 22 && ORDER_NO_PATTERN.test(no) && isValidOutTradeNo(no);
      }),
    );
  });
});

describe('out_trade_no rule', () => {
  it.each([
    ['abc123', true],
    ['A_b-c|d*', true],
    ['12345', false],
    ['x'.repeat(33), false],
    ['订单123456', false],
    ['abc 123', false],
  ])('%s → %s', (value, ok) => expect(isValidOutTradeNo(value)).toBe(ok));
});

describe('refund numbers and pickup codes', () => {
  it('derives refund numbers from the order number', () => {
    expect(makeRefundNo('20240601123045K7Q2M9XA', 1)).toBe('20240601123045K7Q2M9XAR1');
    expect(() => makeRefundNo('x', 0)).toThrow(RangeError);
    expect(() => makeRefundNo('bad no', 1)).toThrow(RangeError);
  });

  it('makes 6-digit pickup codes with leading zeros', () => {
    expect(makePickupCode(replay([0, 4, 8, 2, 1, 3]))).toBe('048213');
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), (r) => /^\d{6}$/.test(makePickupCode(replay(r)))));
  });
});
