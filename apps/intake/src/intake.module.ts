import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { OwnershipRegistry } from '@rujukan/auth';
import { caseOwnership, referralOwnership } from './cases/case-ownership.js';
import { CaseShare } from './cases/case-share.entity.js';
import { IntakeCaseOwnership1763900001100 } from './migrations/1763900001100-intake-case-ownership.js';
import { ConfigError } from '@rujukan/messaging';
import { AgencyDirectory, NodeCoreModule, type NodeConfig } from '@rujukan/platform';
import { AgenciesHttpController } from './agencies.http.controller.js';
import { CaseFile } from './cases/case.entity.js';
import { CasesHttpController } from './cases/cases.http.controller.js';
import { Referral } from './cases/referral.entity.js';
import { Victim } from './cases/victim.entity.js';
import { INTAKE_SETTINGS, type IntakeSettings } from './intake.settings.js';
import { IntakeCases1763900001000 } from './migrations/1763900001000-intake-cases.js';
import { ReferVictimHttpController } from './refer-victim/refer-victim.http.controller.js';
import { ReferVictimService } from './refer-victim/refer-victim.service.js';
import { RegisterComplaintHttpController } from './register-complaint/register-complaint.http.controller.js';
import { RegisterComplaintService } from './register-complaint/register-complaint.service.js';
import { RevokeReferralHttpController } from './revoke-referral/revoke-referral.http.controller.js';
import { TrackReferralsEventHandler } from './track-referrals/track-referrals.event-handler.js';
import { TrackReferralsService } from './track-referrals/track-referrals.service.js';

/** Complaint handling and case management at the UPTD PPA. */
@Module({})
export class IntakeModule implements OnModuleInit {
  constructor(private readonly ownership: OwnershipRegistry) {}

  onModuleInit(): void {
    this.ownership.register('case', caseOwnership);
    this.ownership.register('referral', referralOwnership);
  }

  static register(config: NodeConfig, env: Record<string, string | undefined> = process.env): DynamicModule {
    const problems: string[] = [];
    const timeZone = env.NODE_TIME_ZONE?.trim() || 'Asia/Jakarta';
    try {
      new Intl.DateTimeFormat('en', { timeZone });
    } catch {
      problems.push(`NODE_TIME_ZONE="${timeZone}" is not a time zone (Asia/Jakarta, Asia/Makassar or Asia/Jayapura)`);
    }
    const statisticsKey = env.STATISTICS_ID_KEY ?? '';
    if (statisticsKey.length < 32) {
      problems.push('STATISTICS_ID_KEY must be a secret of at least 32 characters, kept for the life of the node (e.g. openssl rand -hex 32)');
    }
    if (problems.length) throw new ConfigError(problems);
    const settings: IntakeSettings = {
      statisticsKey,
      timeZone,
      directory: AgencyDirectory.fromFile(config.directoryPath),
    };
    return {
      module: IntakeModule,
      imports: [NodeCoreModule.forRoot({ config, entities: [CaseFile, Victim, Referral, CaseShare], migrations: [IntakeCases1763900001000, IntakeCaseOwnership1763900001100] })],
      controllers: [
        RegisterComplaintHttpController,
        CasesHttpController,
        ReferVictimHttpController,
        RevokeReferralHttpController,
        TrackReferralsEventHandler,
        AgenciesHttpController,
      ],
      providers: [{ provide: INTAKE_SETTINGS, useValue: settings }, RegisterComplaintService, ReferVictimService, TrackReferralsService],
    };
  }
}
