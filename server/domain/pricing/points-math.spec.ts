import { maxPointsDeduction, pointsStep } from './points-deduction';
import { pointsEarned } from './points-earning';
import { benefitText, thresholdText, yuanText, zheText } from './texts';

describe('points deduction', () => {
  it('exchanges in exact steps', () => {
    expect(pointsStep(100)).toEqual({ stepPoints: 1, stepFen: 1 });
    expect(pointsStep(10)).toEqual({ stepPoints: 1, stepFen: 10 });
    expect(pointsStep(1000)).toEqual({ stepPoints: 10, stepFen: 1 });
    expect(pointsStep(150)).toEqual({ stepPoints: 3, stepFen: 2 });
  });

  it('takes the least of the percent cap, the headrooms and the balance, in whole steps', () => {
    const base = { openFen: 10000, headroomFen: 10000, orderHeadroomFen: 9999 };
    expect(maxPointsDeduction(base, 1e6, { maxPercentOfOrder: 10 }, pointsStep(100))).toEqual({ points: 1000, deductFen: 1000 });
    expect(maxPointsDeduction({ ...base, headroomFen: 250 }, 1e6, { maxPercentOfOrder: 10 }, pointsStep(100))).toEqual({ points: 250, deductFen: 250 });
    expect(maxPointsDeduction(base, 1e6, { maxPercentOfOrder: 100 }, pointsStep(100))).toEqual({ points: 9999, deductFen: 9999 });
    expect(maxPointsDeduction(base, 95, { maxPercentOfOrder: 10 }, pointsStep(10))).toEqual({ points: 95, deductFen: 950 });
    // 10 % of 9995 = 999 fen, in steps of 10 fen → 990 fen for 99 points
    expect(maxPointsDeduction({ ...base, openFen: 9995 }, 1e6, { maxPercentOfOrder: 10 }, pointsStep(10))).toEqual({ points: 99, deductFen: 990 });
    expect(maxPointsDeduction(base, 100, { maxPercentOfOrder: 0 }, pointsStep(100))).toEqual({ points: 0, deductFen: 0 });
  });
});

describe('points earning', () => {
  it('earns per whole yuan paid, times the tier multiplier', () => {
    expect(pointsEarned(19999, { pointsPerYuan: 1 })).toBe(199);
    expect(pointsEarned(1900, { pointsPerYuan: 1 }, { pointsMultiplierPercent: 150 })).toBe(28);
    expect(pointsEarned(0, { pointsPerYuan: 5 })).toBe(0);
    expect(pointsEarned(Number.MAX_SAFE_INTEGER, { pointsPerYuan: 3 }, { pointsMultiplierPercent: 200 })).toBe(Number((BigInt(Number.MAX_SAFE_INTEGER) * 600n) / 10000n));
  });
});

describe('texts', () => {
  it('formats yuan, 折 and coupon benefits', () => {
    expect([yuanText(30000), yuanText(2550), yuanText(2505), yuanText(5)]).toEqual(['300', '25.5', '25.05', '0.05']);
    expect([zheText(5), zheText(20), zheText(12)]).toEqual(['9.5折', '8折', '8.8折']);
    expect(thresholdText(30000, 3000)).toBe('满300减30');
    expect(benefitText({ kind: 'fixed', amountFen: 1000 })).toBe('无门槛减10');
    expect(benefitText({ kind: 'percentage', percentOff: 20, capFen: 3000, minSpendFen: 5000 })).toBe('满50打8折 最多减30');
  });
});
