import { describe, expect, it } from 'vitest';
import { goAtoi, intOrPercentValue, scaledValueFromIntOrPercent } from './intstr';

describe('scaledValueFromIntOrPercent', () => {
  it.each([
    { value: 3, total: 10, roundUp: true, expected: 3 },
    { value: '25%', total: 5, roundUp: true, expected: 2 },
    { value: '25%', total: 5, roundUp: false, expected: 1 },
    { value: '10%', total: 5, roundUp: true, expected: 1 },
    { value: '50%', total: 3, roundUp: true, expected: 2 },
    { value: '0%', total: 100, roundUp: true, expected: 0 },
    { value: '100%', total: 0, roundUp: true, expected: 0 },
    { value: '+20%', total: 10, roundUp: true, expected: 2 },
    { value: '-10%', total: 5, roundUp: true, expected: 0 },
    { value: '33%', total: 3, roundUp: false, expected: 0 },
  ])('$value of $total (roundUp=$roundUp) → $expected', ({ value, total, roundUp, expected }) => {
    expect(scaledValueFromIntOrPercent(value, total, roundUp)).toBe(expected);
  });

  it.each([
    { value: null, message: 'nil value for IntOrString' },
    { value: '5', message: 'invalid value for IntOrString: invalid type: string is not a percentage' },
    { value: '%', message: 'invalid value for IntOrString: invalid value "%": strconv.Atoi: parsing "": invalid syntax' },
    { value: '1.5%', message: 'invalid value for IntOrString: invalid value "1.5%": strconv.Atoi: parsing "1.5": invalid syntax' },
    {
      value: '99999999999999999999%',
      message: 'invalid value for IntOrString: invalid value "99999999999999999999%": strconv.Atoi: parsing "99999999999999999999": value out of range',
    },
    { value: 1.5, message: 'invalid value for IntOrString: invalid type: neither int nor percentage' },
  ])('throws for $value', ({ value, message }) => {
    expect(() => scaledValueFromIntOrPercent(value, 10, true)).toThrow(new Error(message));
  });
});

describe('helpers', () => {
  it('goAtoi accepts signs and leading zeros like Go', () => {
    expect(goAtoi('+007')).toEqual({ value: 7 });
    expect(goAtoi('-3')).toEqual({ value: -3 });
    expect(goAtoi(' 3')).toEqual({ error: 'strconv.Atoi: parsing " 3": invalid syntax' });
  });

  it('intOrPercentValue splits the percent flag', () => {
    expect(intOrPercentValue('40%')).toEqual({ value: 40, isPercent: true });
    expect(intOrPercentValue(4)).toEqual({ value: 4, isPercent: false });
  });
});
