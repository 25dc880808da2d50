import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DICTIONARY, REFERRAL_FIELDS, SERVICE_TYPES, type ReferredPerson } from '@rujukan/contracts';
import { writeReferralLetter } from './referral-letter.pdf.js';

/** Everything intake may know of her: the letter must pick, by service, what REFERRAL_FIELDS allows. */
const EVERYTHING: Required<ReferredPerson> = {
  name: 'Siti Aminah',
  sex: 'female',
  ageYears: 24,
  idNumber: '2171015203960001',
  district: 'Kabupaten Lombok Timur',
  safetyNotes: 'Pelaku mencari korban di pasar',
  violenceTypes: ['physical'],
  incidentDate: '2026-11-20',
  incidentPlace: 'household',
  perpetratorRelation: 'spouse',
  incidentNarrative: 'Dipukul suaminya di rumah',
  requestNotes: 'Mohon segera ditangani',
};
const LETTER = DICTIONARY.id.letter;
const PERSON_FIELDS = Object.keys(EVERYTHING).filter((f) => f !== 'requestNotes') as Array<Exclude<keyof ReferredPerson, 'requestNotes'>>;

async function textOf(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: `${resolve('node_modules/pdfjs-dist/standard_fonts')}/` })
    .promise;
  const items = (await (await doc.getPage(1)).getTextContent()).items.flatMap((i) => ('str' in i && i.str.trim() ? [i.str] : []));
  await doc.destroy();
  return items;
}

describe('the referral letter', () => {
  it.each(SERVICE_TYPES)('for %s prints of her exactly the fields REFERRAL_FIELDS allows', async (service) => {
    const allowed = REFERRAL_FIELDS[service];
    // The caller gives only the allowed fields; the writer prints only those the service may carry, whatever it is given.
    const text = await textOf(
      await writeReferralLetter(
        {
          unitName: 'UPTD PPA Kota Tanjungpinang',
          unitAddress: null,
          number: '2026-0001/RUJ/1',
          date: '4 Desember 2026',
          caseNumber: '2026-0001',
          agencyName: 'SD Negeri 3',
          agencyAddress: null,
          service,
          person: EVERYTHING,
        },
        DICTIONARY.id,
      ),
    );
    const printed = PERSON_FIELDS.filter((f) => text.includes(`${LETTER[f]}:`));
    expect(printed.sort()).toEqual(allowed.filter((f) => f !== 'requestNotes').sort());
    // Each value of hers is found anywhere in the page's text (also inside a longer line) exactly when it is allowed.
    const all = text.join(' ');
    for (const field of ['name', 'idNumber', 'district', 'safetyNotes', 'incidentNarrative', 'incidentDate', 'requestNotes'] as const) {
      expect([field, all.includes(String(EVERYTHING[field]))]).toEqual([field, allowed.includes(field)]);
    }
    expect(text[0]).toBe('UPTD PPA Kota Tanjungpinang');
  });
});
