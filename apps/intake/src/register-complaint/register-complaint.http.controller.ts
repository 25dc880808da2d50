import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Allow, CurrentStaff, RegisterLookup, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { toCaseView } from '../cases/case.view.js';
import { RegisterComplaintBody } from './register-complaint.dto.js';
import { RegisterComplaintService } from './register-complaint.service.js';

/** The NIKs the register is searched for, from the body as sent. */
function victimNiks(body: unknown): unknown[] {
  const victims = (body as { victims?: unknown } | null)?.victims;
  return Array.isArray(victims) ? victims.map((v) => (v as { idNumber?: unknown } | null)?.idNumber) : [];
}

@Controller('cases')
export class RegisterComplaintHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly registration: RegisterComplaintService,
  ) {}

  /** Registers a complaint. Its victims are looked up against the register for duplicates: limited per staff member, and recorded. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write' })
  @RegisterLookup(victimNiks)
  @Post()
  @HttpCode(201)
  async register(@Body() body: RegisterComplaintBody, @CurrentStaff() staff: Principal) {
    return toCaseView(await this.uow.run((tx) => this.registration.register(tx, body, staff)));
  }
}
