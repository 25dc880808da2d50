import { Controller, Get, Header, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Allow } from '@rujukan/auth';
import { LANGUAGES, type Language } from '@rujukan/contracts';
import { UnitOfWork } from '@rujukan/messaging';
import { DownloadReferralLetterService } from './download-referral-letter.service.js';

export class LetterQuery {
  /** The letter's language: Bahasa Indonesia (default) or English. */
  @IsOptional()
  @IsIn(LANGUAGES)
  lang?: Language;
}

@Controller('referrals')
export class DownloadReferralLetterHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly letters: DownloadReferralLetterService,
  ) {}

  /** The referral letter (surat rujukan) of a referral outside the network: recorded in the access record as an export. */
  @Allow(['case-worker', 'supervisor'], { resource: 'referral', action: 'export', param: 'id' })
  @Get(':id/letter')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ description: 'The referral letter', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async letter(@Param('id', ParseUUIDPipe) id: string, @Query() query: LetterQuery) {
    const { pdf, filename } = await this.uow.run((tx) => this.letters.letter(tx, id, query.lang ?? 'id'));
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${filename}"` });
  }
}
