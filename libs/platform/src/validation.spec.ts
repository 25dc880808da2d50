import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { brokenRules, fieldErrorsException, nodeValidationPipe } from './validation.js';

class Body {
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;

  @IsInt()
  @Min(0)
  @Max(120)
  ageYears: number;

  @IsIn(['a', 'b'])
  code: string;
}

async function refusalOf(value: unknown): Promise<{ fields: Record<string, string[]>; rules: Record<string, string[]> }> {
  try {
    await nodeValidationPipe().transform(value, { type: 'body', metatype: Body });
  } catch (e) {
    return (e as BadRequestException).getResponse() as { fields: Record<string, string[]>; rules: Record<string, string[]> };
  }
  throw new Error('valid');
}
const fieldsOf = async (value: unknown) => (await refusalOf(value)).fields;

describe('one message per broken rule', () => {
  it('names only the kind rule when a value is missing or of the wrong kind', async () => {
    expect(await fieldsOf({})).toEqual({
      reason: ['reason must be a string'],
      ageYears: ['ageYears must be an integer number'],
      code: ['code must be one of the following values: a, b'],
    });
    expect(await fieldsOf({ reason: 5, ageYears: 'x', code: 'a' })).toEqual({
      reason: ['reason must be a string'],
      ageYears: ['ageYears must be an integer number'],
    });
  });

  it('names each size or range rule a value of the right kind breaks', async () => {
    expect(await fieldsOf({ reason: 'ab', ageYears: 200, code: 'b' })).toEqual({
      reason: ['reason must be longer than or equal to 3 characters'],
      ageYears: ['ageYears must not be greater than 120'],
    });
    expect(brokenRules({ min: 'x must not be less than 0', matches: 'x must match' })).toEqual([
      'x must not be less than 0',
      'x must match',
    ]);
  });
});

describe('the code of each broken rule', () => {
  it('names the rules the messages say, field by field, in their order', async () => {
    expect((await refusalOf({})).rules).toEqual({ reason: ['isString'], ageYears: ['isInt'], code: ['isIn'] });
    expect(await refusalOf({ reason: 'ab', ageYears: 200, code: 'b', extra: 1 })).toMatchObject({
      fields: { reason: ['reason must be longer than or equal to 3 characters'], ageYears: ['ageYears must not be greater than 120'] },
      rules: { reason: ['minLength'], ageYears: ['max'], extra: ['whitelistValidation'] },
    });
  });

  it('names a check of the node’s own `invalid` unless it gives its code', () => {
    const body = (e: BadRequestException) => e.getResponse() as { fields: object; rules: object };
    expect(body(fieldErrorsException({ 'victims.0.idNumber': ['a', 'b'] })).rules).toEqual({ 'victims.0.idNumber': ['invalid'] });
    expect(body(fieldErrorsException({ from: ['from must not be after to'] }, { from: ['dateOrder'] })).rules).toEqual({
      from: ['dateOrder'],
    });
  });
});
