import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DICTIONARY, EXTERNAL_AGENCY, type Language } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { CaseRepository } from '../cases/case.repository.js';
import { ReferralRepository } from '../cases/referral.repository.js';
import { personReferredFor } from '../cases/referred-person.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { writeReferralLetter } from './referral-letter.pdf.js';

/** The referral letter of an external referral, written anew on each download from what is on record (never stored). */
@Injectable()
export class DownloadReferralLetterService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly cases: CaseRepository,
    private readonly referrals: ReferralRepository,
  ) {}

  async letter(tx: Transaction, referralId: string, lang: Language): Promise<{ pdf: Buffer; filename: string }> {
    const referral = await this.referrals.find(tx, referralId);
    if (!referral) throw new NotFoundException(`no referral ${referralId}`);
    if (referral.agencyId !== EXTERNAL_AGENCY) throw new ConflictException('only a referral outside the network has a letter');
    const caseFile = await this.cases.find(tx, referral.caseId);
    const victim = await this.cases.findVictim(tx, referral.victimId, referral.caseId);
    if (!caseFile || !victim) throw new NotFoundException(`no referral ${referralId}`);
    if (!referral.externalAgencyName) throw new ConflictException('her data was erased: the letter cannot be written any more');
    // A letter asks the agency to act: once the referral is revoked (her consent withdrawn among the reasons),
    // declined or completed, nothing about her is printed any more.
    if (referral.state !== 'requested' && referral.state !== 'accepted') {
      throw new ConflictException(`the referral is ${referral.state}: its letter is given only while it is open`);
    }
    // Its number: the case's number and the letter's place among the case's letters, the same on every download.
    const letters = (await this.referrals.ofCase(tx, referral.caseId)).filter((r) => r.agencyId === EXTERNAL_AGENCY);
    const ordinal = letters.findIndex((r) => r.id === referral.id) + 1;
    const number = `${caseFile.caseNumber}/RUJ/${ordinal}`;
    const dict = DICTIONARY[lang];
    const date = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: this.settings.timeZone }).format(
      referral.createdAt,
    );
    const pdf = await writeReferralLetter(
      {
        unitName: this.settings.directory.find(this.settings.agencyId)?.name ?? this.settings.agencyId,
        unitAddress: this.settings.letterAddress,
        number,
        date,
        caseNumber: caseFile.caseNumber,
        agencyName: referral.externalAgencyName,
        agencyAddress: referral.externalAgencyAddress,
        service: referral.service,
        person: personReferredFor(referral.service, victim, caseFile, referral.requestNotes),
      },
      dict,
    );
    // Named by the case's number, never by her.
    return { pdf, filename: `surat-rujukan-${caseFile.caseNumber}-${ordinal}.pdf` };
  }
}
