import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import { IsString, IsUUID, ValidateNested } from 'class-validator';
import { validatePayload } from './validate-payload.js';

class Sample {
  @IsUUID()
  id: string;

  @IsString()
  sex: string;
}

class WithPerson {
  @ValidateNested()
  @Type(() => Sample)
  person: Sample;
}

describe('payload validation', () => {
  const id = '9b2f4a8e-3c1d-4e5f-8a6b-7c8d9e0f1a2b';

  it('producers may not add a field outside the contract (minimum necessary data)', async () => {
    const { errors } = await validatePayload(Sample, { id, sex: 'F', name: 'Siti' }, 'produce');
    expect(errors).toEqual(['name: property name should not exist']);
  });

  it('consumers drop unknown fields and accept the rest', async () => {
    const { value, errors } = await validatePayload(Sample, { id, sex: 'F', addedLater: 1 }, 'consume');
    expect(errors).toEqual([]);
    expect(value).toEqual(Object.assign(new Sample(), { id, sex: 'F' }));
  });

  it('consumers refuse missing or invalid fields', async () => {
    const { errors } = await validatePayload(Sample, { id: 'x' }, 'consume');
    expect(errors).toEqual(['id: id must be a UUID', 'sex: sex must be a string']);
    expect((await validatePayload(Sample, [1], 'consume')).errors).toEqual(['payload: must be an object']);
  });

  it('refuses a payload without a required nested object, on both sides', async () => {
    for (const mode of ['produce', 'consume'] as const) {
      expect((await validatePayload(WithPerson, {}, mode)).errors).toEqual(['person: person should not be null or undefined']);
    }
  });
});
