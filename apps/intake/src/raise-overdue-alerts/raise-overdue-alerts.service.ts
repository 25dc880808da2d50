import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BROADCAST, FirstResponseOverdue } from '@rujukan/contracts';
import { MESSAGING_CONFIG, UnitOfWork, type MessagingConfig } from '@rujukan/messaging';
import { CaseRepository } from '../cases/case.repository.js';
import { storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { AlertRepository } from '../triage/alert.repository.js';

/**
 * Watches first-response deadlines. A case past its deadline without a first
 * response gets one alert for supervisors and one de-identified event, in the
 * transaction that marks it alerted: exactly once, whether the node was
 * running at the deadline or restarted around it (it catches up at start).
 */
@Injectable()
export class RaiseOverdueAlertsService implements OnApplicationBootstrap, OnApplicationShutdown {
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
}
