import { Inject, Injectable, Logger, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BROADCAST, FirstResponseOverdue, FirstResponseRecorded } from '@rujukan/contracts';
import { MESSAGING_CONFIG, UnitOfWork, type MessagingConfig, type Transaction } from '@rujukan/messaging';
import type { Principal } from '@rujukan/auth';
import type { CaseFile } from '../cases/case.entity.js';
import { CaseRepository } from '../cases/case.repository.js';
import { storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { AlertRepository } from './alert.repository.js';

/**
 * Watches first-response deadlines. A case past its deadline without a first
 * response gets one alert for supervisors and one de-identified event, in the
 * transaction that marks it alerted: exactly once, whether the node was
 * running at the deadline or restarted around it (it catches up at start).
 */
@Injectable()
export class TriageService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Triage');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    @Inject(MESSAGING_CONFIG) private readonly messaging: MessagingConfig,
    private readonly cases: CaseRepository,
    private readonly alerts: AlertRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.messaging.passive) return;
    const tick = () => {
      this.running = this.raiseOverdue()
        .catch((err) => this.log.warn(`deadline check failed, will retry: ${(err as Error).name}`))
        .finally(() => {
          this.timer = setTimeout(tick, this.settings.triageCheckMs);
        });
    };
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
  }

  /** Raises the alerts of every case now past its deadline; returns how many. */
  async raiseOverdue(now = new Date()): Promise<number> {
    return this.uow.run(async (tx) => {
      // A case closed or handed over (to a unit that runs its own clock) raises nothing.
      const due = await this.cases.lockOverdue(tx, now);
      for (const c of due) {
        await this.cases.markOverdueAlerted(tx, c.id, now);
        await this.alerts.raise(tx, c.id, 'first-response-overdue');
        await tx.emit(FirstResponseOverdue, {
          to: BROADCAST,
          caseId: storedStatisticsId(this.settings.statisticsKey, 'case', { id: c.id, statisticsId: c.statistics_id }),
          payload: { riskLevel: c.risk_level },
        });
      }
      if (due.length) this.log.warn(`${due.length} case(s) past their first-response deadline: alert raised for supervisors`);
      return due.length;
    });
  }

  async recordFirstResponse(tx: Transaction, caseId: string): Promise<CaseFile> {
    const found = await this.cases.lock(tx, caseId);
    if (!found) throw new NotFoundException(`no case ${caseId}`);
    if (!found.firstRespondedAt) {
      found.firstRespondedAt = new Date();
      await this.cases.update(tx, caseId, { firstRespondedAt: found.firstRespondedAt });
      // Reporting counts a case as handled by the SPM only when this came by its deadline.
      await tx.emit(FirstResponseRecorded, {
        to: BROADCAST,
        caseId: storedStatisticsId(this.settings.statisticsKey, 'case', found),
        payload: {
          riskLevel: found.riskLevel,
          withinDeadline: !found.firstResponseDueAt || found.firstRespondedAt.getTime() <= found.firstResponseDueAt.getTime(),
        },
      });
    }
    return found;
  }

  /** A supervisor has seen the alert. */
  async acknowledge(tx: Transaction, alertId: string, staff: Principal): Promise<void> {
    if (!(await this.alerts.acknowledge(tx, alertId, staff.staffId))) throw new NotFoundException(`no alert ${alertId}`);
  }
}
