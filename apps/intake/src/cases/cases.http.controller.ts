import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { OutgoingHandover } from '../hand-over/hand-over.entities.js';
import { CASE_STATUSES, type CaseStatus } from './case.entity.js';
import { caseIsTheirs } from './case-ownership.js';
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
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  staffId: string;
}

export class CaseListQuery {
  /** Only the cases I own or that are shared with me (a supervisor otherwise sees all). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === true ? true : value === 'false' || value === false ? false : value,
  )
  @IsBoolean()
  mine?: boolean;

  /** The register number, whole (2026-0042) or its start (2026-00). */
  @IsOptional()
  @Matches(/^[0-9]{1,4}(-[0-9]{0,6})?$/, { message: 'number must be a case number such as 2026-0042, or its start' })
  number?: string;

  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;
}

@Controller('cases')
export class CasesHttpController {
  constructor(private readonly uow: UnitOfWork) {}

  /** A case worker sees her cases and those shared with her; a supervisor sees the agency's. */
  @Allow(STAFF, { resource: 'case', action: 'read' })
  @Get()
  list(@CurrentStaff() staff: Principal, @Query() query: CaseListQuery) {
    return this.uow.run(async (tx) => {
      const qb = tx.manager.getRepository(CaseFile).createQueryBuilder('c').orderBy('c.registeredAt', 'DESC').take(200);
      if (staff.role === 'case-worker' || query.mine) {
        qb.andWhere(caseIsTheirs(':me'), { me: staff.staffId });
      }
      if (query.number) qb.andWhere('c.case_number LIKE :number', { number: `${query.number}%` });
      if (query.status) qb.andWhere('c.status = :status', { status: query.status });
      const cases = await qb.getMany();
      return cases.map((c) => ({
        id: c.id,
        caseNumber: c.caseNumber,
        kind: c.kind,
        riskLevel: c.riskLevel,
        status: c.status,
        ownerId: c.ownerId,
        registeredAt: c.registeredAt,
      }));
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
      found.traffickingStages = await tx.manager
        .getRepository(TraffickingStage)
        .find({ where: { caseId: id }, order: { occurredOn: 'ASC' } });
      // Links both ways: this case's victims reported earlier, or reported again later.
      found.duplicates = await tx.manager.query(
        `SELECT d.victim_id AS "victimId", d.duplicate_of AS id, o.case_id AS "caseId", c.case_number AS "caseNumber", d.basis, d.weaker, d.reason
           FROM victim_duplicate d JOIN victim v ON v.id = d.victim_id JOIN victim o ON o.id = d.duplicate_of JOIN case_file c ON c.id = o.case_id
          WHERE v.case_id = $1
         UNION ALL
         SELECT d.duplicate_of, d.victim_id, v.case_id, c.case_number, d.basis, d.weaker, d.reason
           FROM victim_duplicate d JOIN victim o ON o.id = d.duplicate_of JOIN victim v ON v.id = d.victim_id JOIN case_file c ON c.id = v.case_id
          WHERE o.case_id = $1`,
        [id],
      );
      found.handOvers = await tx.manager.getRepository(OutgoingHandover).find({ where: { caseId: id }, order: { requestedAt: 'ASC' } });
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
      await tx.manager
        .createQueryBuilder()
        .insert()
        .into(CaseShare)
        .values({ caseId: id, staffId: body.staffId, sharedBy: staff.staffId })
        .orIgnore()
        .execute();
    });
  }
}
