import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { SERVICE_TYPES, type ServiceType } from '@rujukan/contracts';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { Referral } from '../cases/referral.entity.js';
import { Victim } from '../cases/victim.entity.js';
import { Assessment, PlanItem } from './assessment.entities.js';
import { needStatus } from './plan-status.js';

const STAFF = ['case-worker', 'supervisor'] as const;

export class AssessmentBody {
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  biological?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  psychological?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  social?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  spiritual?: string;

  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  needsInOwnWords: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  expectations?: string;
}

export class PlanBody {
  @IsUUID()
  victimId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsIn(SERVICE_TYPES, { each: true })
  services: ServiceType[];
}

@Controller('cases/:id')
export class AssessmentHttpController {
  constructor(private readonly uow: UnitOfWork) {}

  @Allow(STAFF, { resource: 'case', action: 'write', param: 'id' })
  @Post('victims/:victimId/assessments')
  @HttpCode(201)
  assess(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('victimId', ParseUUIDPipe) victimId: string,
    @Body() body: AssessmentBody,
    @CurrentStaff() staff: Principal,
  ) {
    return this.uow.run(async (tx) => {
      if (!(await tx.manager.getRepository(Victim).existsBy({ id: victimId, caseId: id })))
        throw new NotFoundException('no such victim in this case');
      const repo = tx.manager.getRepository(Assessment);
      const a = repo.create({ victimId, ...body, assessedBy: staff.staffId });
      await repo.insert(a);
      return a;
    });
  }

  /** Adds the services a victim needs to the case's plan (a service already planned is kept once). */
  @Allow(STAFF, { resource: 'case', action: 'write', param: 'id' })
  @Post('plan')
  @HttpCode(200)
  addToPlan(@Param('id', ParseUUIDPipe) id: string, @Body() body: PlanBody, @CurrentStaff() staff: Principal) {
    return this.uow.run(async (tx) => {
      if (!(await tx.manager.getRepository(Victim).existsBy({ id: body.victimId, caseId: id })))
        throw new NotFoundException('no such victim in this case');
      await tx.manager
        .createQueryBuilder()
        .insert()
        .into(PlanItem)
        .values(body.services.map((service) => ({ caseId: id, victimId: body.victimId, service, addedBy: staff.staffId })))
        .orIgnore()
        .execute();
      return this.planOf(tx.manager, id);
    });
  }

  /** The plan: each need with its status (met, pending, refused) from the referrals made for it. */
  @Allow(STAFF, { resource: 'case', action: 'read', param: 'id' })
  @Get('plan')
  plan(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.planOf(tx.manager, id));
  }

  private async planOf(manager: import('typeorm').EntityManager, caseId: string) {
    const [items, referrals, assessments] = await Promise.all([
      manager.getRepository(PlanItem).find({ where: { caseId }, order: { addedAt: 'ASC' } }),
      manager.getRepository(Referral).find({ where: { caseId } }),
      manager.query<Record<string, unknown>[]>(
        `SELECT a.* FROM assessment a JOIN victim v ON v.id = a.victim_id WHERE v.case_id = $1 ORDER BY a.assessed_at`,
        [caseId],
      ),
    ]);
    return {
      caseId,
      assessments: assessments.map((a) => ({
        id: a.id,
        victimId: a.victim_id,
        needsInOwnWords: a.needs_in_own_words,
        assessedAt: a.assessed_at,
      })),
      needs: items.map((i) => {
        const made = referrals.filter((r) => r.victimId === i.victimId && r.service === i.service);
        return {
          victimId: i.victimId,
          service: i.service,
          status: needStatus(made.map((r) => r.state)),
          referrals: made.map((r) => ({ id: r.id, agencyId: r.agencyId, state: r.state })),
        };
      }),
    };
  }
}
