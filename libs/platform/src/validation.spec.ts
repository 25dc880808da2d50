import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { brokenRules, nodeValidationPipe } from './validation.js';

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

async function fieldsOf(value: unknown): Promise<Record<string, string[]>> {
  try {
    await nodeValidationPipe().transform(value, { type: 'body', metatype: Body });
  } catch (e) {
    return ((e as BadRequestException).getResponse() as { fields: Record<string, string[]> }).fields;
  }
  throw new Error('valid');
}

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
