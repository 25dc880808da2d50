import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { UnitOfWork } from '@rujukan/messaging';
import { CaseFile } from './case.entity.js';
import { toCaseView } from './case.view.js';

@Controller('cases')
export class CasesHttpController {
  constructor(private readonly uow: UnitOfWork) {}

  @Get()
  list() {
    return this.uow.run(async (tx) => {
      const cases = await tx.manager.getRepository(CaseFile).find({ order: { registeredAt: 'DESC' }, take: 200 });
      return cases.map((c) => ({ id: c.id, kind: c.kind, riskLevel: c.riskLevel, status: c.status, registeredAt: c.registeredAt }));
    });
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run(async (tx) => {
      const found = await tx.manager.getRepository(CaseFile).findOne({
        where: { id },
        relations: { victims: true, referrals: true },
        order: { referrals: { createdAt: 'ASC' } },
      });
      if (!found) throw new NotFoundException(`no case ${id}`);
      return toCaseView(found);
    });
  }
}
