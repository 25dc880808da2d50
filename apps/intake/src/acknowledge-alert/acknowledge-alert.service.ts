import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { AlertRepository } from '../triage/alert.repository.js';

@Injectable()
export class AcknowledgeAlertService {
  constructor(private readonly alerts: AlertRepository) {}

  /** A supervisor has seen the alert. */
  async acknowledge(tx: Transaction, alertId: string, staff: Principal): Promise<void> {
    if (!(await this.alerts.acknowledge(tx, alertId, staff.staffId))) throw new NotFoundException(`no alert ${alertId}`);
  }
}
