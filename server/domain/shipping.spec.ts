import { amountToFreeShipping, shippingFee } from './shipping';

describe('shippingFee', () => {
  const rule = { flatFeeFen: 800, freeOverFen: 9900 };

  it('is free for pickup', () => expect(shippingFee(rule, 'pickup', 100)).toBe(0));

  it('charges the flat fee below the threshold and nothing at or above it', () => {
    expect(shippingFee(rule, 'delivery', 9899)).toBe(800);
    expect(shippingFee(rule, 'delivery', 9900)).toBe(0);
    expect(shippingFee(rule, 'delivery', 0)).toBe(800);
  });

  it('never waives the fee without a threshold', () => {
    expect(shippingFee({ flatFeeFen: 500, freeOverFen: 0 }, 'delivery', 10 ** 9)).toBe(500);
  });

  it('rejects bad rules and amounts', () => {
    expect(() => shippingFee({ flatFeeFen: 5.5, freeOverFen: 0 }, 'delivery', 0)).toThrow(TypeError);
    expect(() => shippingFee({ flatFeeFen: 5, freeOverFen: -1 }, 'delivery', 0)).toThrow(RangeError);
    expect(() => shippingFee(rule, 'delivery', -1)).toThrow(RangeError);
  });
});

describe('amountToFreeShipping', () => {
  it('says how much more makes delivery free', () => {
    expect(amountToFreeShipping({ flatFeeFen: 800, freeOverFen: 9900 }, 9000)).toBe(900);
    expect(amountToFreeShipping({ flatFeeFen: 800, freeOverFen: 9900 }, 12000)).toBe(0);
    expect(amountToFreeShipping({ flatFeeFen: 0, freeOverFen: 0 }, 0)).toBe(0);
    expect(amountToFreeShipping({ flatFeeFen: 800, freeOverFen: 0 }, 0)).toBeNull();
  });
});
