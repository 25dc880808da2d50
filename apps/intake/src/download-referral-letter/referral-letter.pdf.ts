import PDFDocument from 'pdfkit';
import { REFERRAL_FIELDS, type Dictionary, type ReferredPerson, type ServiceType } from '@rujukan/contracts';

/** What one letter says: the sending unit's heading, the outside agency, and only the service's fields of her. */
export interface ReferralLetter {
  unitName: string;
  unitAddress: string | null;
  number: string;
  /** The referral's day, already written out in the letter's language. */
  date: string;
  caseNumber: string;
  agencyName: string;
  agencyAddress: string | null;
  service: ServiceType;
  person: ReferredPerson;
}

/** The letter as a PDF, written here on the node (no web service): A4, the standard fonts, nothing about her in its metadata. */
export function writeReferralLetter(letter: ReferralLetter, dict: Dictionary): Promise<Buffer> {
  const words = dict.letter;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: words.title, Producer: 'jejaring-rujukan', Creator: 'jejaring-rujukan' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 112;

  // The heading: the UPTD PPA as the registry names it, and its address line.
  doc.font('Helvetica-Bold').fontSize(14).text(letter.unitName, { align: 'center', width });
  if (letter.unitAddress) doc.font('Helvetica').fontSize(9).text(letter.unitAddress, { align: 'center', width });
  const rule = doc.y + 6;
  doc
    .moveTo(56, rule)
    .lineTo(56 + width, rule)
    .lineWidth(1.5)
    .stroke();
  doc.moveDown(1.5);

  doc.font('Helvetica-Bold').fontSize(12).text(words.title, { align: 'center', width, underline: true });
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(fill(words.number, { number: letter.number }), { align: 'center', width });
  doc.moveDown();
  doc.text(fill(words.date, { date: letter.date }));
  doc.text(fill(words.case, { number: letter.caseNumber }));
  doc.moveDown();
  doc.text(words.to);
  doc.font('Helvetica-Bold').text(letter.agencyName);
  doc.font('Helvetica');
  if (letter.agencyAddress) doc.text(letter.agencyAddress);
  doc.moveDown();
  const service = dict.service[letter.service];
  doc.text(fill(words.opening, { service }), { width, align: 'justify' });
  doc.moveDown();
  doc.font('Helvetica-Bold').text(`${words.service}: `, { continued: true }).font('Helvetica').text(service);
  doc.moveDown(0.5);

  doc.font('Helvetica-Bold').text(words.person);
  doc.font('Helvetica');
  // Only the service's fields, in REFERRAL_FIELDS' order: what a node's referral event for it would carry.
  for (const field of REFERRAL_FIELDS[letter.service]) {
    if (field === 'requestNotes') continue;
    const value = shown(field, letter.person, dict);
    if (value === undefined) continue;
    doc.font('Helvetica-Bold').text(`${words[field]}: `, { continued: true, width }).font('Helvetica').text(value, { width });
  }
  if (letter.person.requestNotes) {
    doc.moveDown(0.5);
    doc.font('Helvetica-Bold').text(words.requestNotes);
    doc.font('Helvetica').text(letter.person.requestNotes, { width });
  }
  doc.moveDown();
  doc.text(words.closing, { width });
  doc.moveDown(2);
  doc.text(words.signedBy, { align: 'right', width });
  doc.text(letter.unitName, { align: 'right', width });
  doc.moveDown(3);

  // The receiver's answer: filled in on paper, then recorded by the case worker (POST /referrals/:id/external-answer).
  const box = doc.y;
  doc
    .moveTo(56, box)
    .lineTo(56 + width, box)
    .dash(3, { space: 3 })
    .stroke()
    .undash();
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').text(words.answerTitle, { width });
  doc.font('Helvetica').moveDown(0.5).text(words.answerOptions, { width });
  doc.moveDown().text(words.answerSignature, { width });
  doc.end();
  return done;
}

function shown(field: keyof ReferredPerson, person: ReferredPerson, dict: Dictionary): string | undefined {
  switch (field) {
    case 'sex':
      return person.sex && dict.sex[person.sex];
    case 'ageYears':
      return person.ageYears === undefined ? undefined : String(person.ageYears);
    case 'violenceTypes':
      return person.violenceTypes?.length ? person.violenceTypes.map((v) => dict.violenceType[v]).join(', ') : undefined;
    case 'incidentPlace':
      return person.incidentPlace && dict.incidentPlace[person.incidentPlace];
    case 'perpetratorRelation':
      return person.perpetratorRelation && dict.relation[person.perpetratorRelation];
    default: {
      const value = person[field];
      return typeof value === 'string' && value !== '' ? value : undefined;
    }
  }
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);
}
