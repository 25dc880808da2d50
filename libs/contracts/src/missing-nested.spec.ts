import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsOptional, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { missingNestedObjects } from './missing-nested.js';

class Consent {
  @IsBoolean()
  services: boolean;
}

class Victim {
  @IsString()
  name: string;

  @ValidateNested()
  @Type(() => Consent)
  consent: Consent;
}

class Complaint {
  @ValidateNested()
  @Type(() => Consent)
  incident: Consent;

  @IsOptional()
  @ValidateNested()
  @Type(() => Consent)
  reporter?: Consent;

  @ValidateIf((c: Complaint) => c.kind === 'trafficking')
  @ValidateNested()
  @Type(() => Consent)
  stage?: Consent;

  @IsString()
  kind: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Victim)
  victims: Victim[];
}

/** Flattens the errors to `path: constraint` for reading. */
function paths(errors: ReturnType<typeof missingNestedObjects>, parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    return [...Object.values(e.constraints ?? {}).map((c) => `${path}: ${c}`), ...paths(e.children ?? [], path)];
  });
}

describe('missing nested objects', () => {
  it('names an absent required nested object, also inside arrays', () => {
    const complaint = plainToInstance(Complaint, {
      kind: 'violence',
      victims: [{ name: 'a', consent: { services: true } }, { name: 'b' }],
    });
    expect(paths(missingNestedObjects(complaint))).toEqual([
      'incident: incident should not be null or undefined',
      'victims.1.consent: consent should not be null or undefined',
    ]);
  });

  it('leaves optional ones, conditional ones whose condition is off, and properties whose own rules report the absence', () => {
    const complaint = plainToInstance(Complaint, { kind: 'violence', incident: { services: true } });
    expect(missingNestedObjects(complaint)).toEqual([]);
    const trafficking = plainToInstance(Complaint, { kind: 'trafficking', incident: { services: true }, victims: [] });
    expect(paths(missingNestedObjects(trafficking))).toEqual(['stage: stage should not be null or undefined']);
  });
});
