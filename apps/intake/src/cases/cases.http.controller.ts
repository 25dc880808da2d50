import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { CaseFile } from './case.entity.js';
import { CaseShare } from './case-share.entity.js';
import { Perpetrator } from './perpetrator.entity.js';
import { TraffickingStage } from './trafficking-stage.entity.js';
import { toCaseView } from './case.view.js';

const STAFF = ['case-worker', 'supervisor'] as const;

export class ShareCaseBody {
  /** The staff member's id (from the agency's staff list). */
  @IsString() @MinLength(1) @MaxLength(100)
  staffId: string;
}

@Controller('cases')
export class CasesHttpController {
  constructor(private readonly uow: UnitOfWork) {}

  /** A case worker sees her cases and those shared with her; a supervisor sees the agency's. */
  @Allow(STAFF, { resource: 'case', action: 'read' })
  @Get()
  list(@CurrentStaff() staff: Principal) {
    return this.uow.run(async (tx) => {
      const qb = tx.manager.getRepository(CaseFile).createQueryBuilder('c').orderBy('c.registeredAt', 'DESC').take(200);
      if (staff.role === 'case-worker') {
        qb.where('c.owner_id = :me OR EXISTS (SELECT 1 FROM case_share s WHERE s.case_id = c.id AND s.staff_id = :me)', { me: staff.staffId });
      }
      const cases = await qb.getMany();
      return cases.map((c) => ({ id: c.id, kind: c.kind, riskLevel: c.riskLevel, status: c.status, ownerId: c.ownerId, registeredAt: c.registeredAt }));
    });
  }

  @Allow(STAFF, { resource: 'case', action: 'read', param: 'id' })
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run(async (tx) => {
      const found = await tx.manager.getRepository(CaseFile).findOne({
        where: { id },
        relations: { victims: true, referrals: true },
        order: { referrals: { createdAt: 'ASC' } },
      });
      if (!found) throw new NotFoundException(`no case ${id}`);
      found.perpetrators = await tx.manager.getRepository(Perpetrator).find({ where: { caseId: id } });
      found.traffickingStages = await tx.manager.getRepository(TraffickingStage).find({ where: { caseId: id }, order: { occurredOn: 'ASC' } });
      return toCaseView(found);
    });
  }

  /** A supervisor assigns the case to a case worker, who then owns it. */
  @Allow(['supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/owner')
  @HttpCode(204)
  assign(@Param('id', ParseUUIDPipe) id: string, @Body() body: ShareCaseBody) {
    return this.uow.run(async (tx) => {
      const result = await tx.manager.getRepository(CaseFile).update({ id }, { ownerId: body.staffId });
      if (!result.affected) throw new NotFoundException(`no case ${id}`);
    });
  }

  /** Lets another staff member see and work on the case. */
  @Allow(STAFF, { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/shares')
  @HttpCode(204)
  share(@Param('id', ParseUUIDPipe) id: string, @Body() body: ShareCaseBody, @CurrentStaff() staff: Principal) {
    return this.uow.run(async (tx) => {
      if (!(await tx.manager.getRepository(CaseFile).existsBy({ id }))) throw new NotFoundException(`no case ${id}`);
      await tx.manager.createQueryBuilder().insert().into(CaseShare).values({ caseId: id, staffId: body.staffId, sharedBy: staff.staffId }).orIgnore().execute();
    });
  }
}
