import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { CASE_STATUSES, type CaseStatus } from '../cases/case.entity.js';
import { CaseViewQuery } from '../queries/case-view.query.js';

const STAFF = ['case-worker', 'supervisor'] as const;

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
export class FindCasesHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseViewQuery,
  ) {}

  /** A case worker sees her cases and those shared with her; a supervisor sees the agency's. */
  @Allow(STAFF, { resource: 'case', action: 'read' })
  @Get()
  list(@CurrentStaff() staff: Principal, @Query() query: CaseListQuery) {
    return this.uow.run((tx) => this.cases.list(tx, staff, query));
  }

  @Allow(STAFF, { resource: 'case', action: 'read', param: 'id' })
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run(async (tx) => {
      const view = await this.cases.one(tx, id);
      if (!view) throw new NotFoundException(`no case ${id}`);
      return view;
    });
  }
}
