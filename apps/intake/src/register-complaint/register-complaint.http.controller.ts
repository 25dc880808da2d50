import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { toCaseView } from '../cases/case.view.js';
import { RegisterComplaintBody } from './register-complaint.dto.js';
import { RegisterComplaintService } from './register-complaint.service.js';

@Controller('cases')
export class RegisterComplaintHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly registration: RegisterComplaintService,
  ) {}

  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write' })
  @Post()
  @HttpCode(201)
  async register(@Body() body: RegisterComplaintBody, @CurrentStaff() staff: Principal) {
    return toCaseView(await this.uow.run((tx) => this.registration.register(tx, body, staff)));
  }
}
