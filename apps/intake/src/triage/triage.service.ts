import { Inject, Injectable, Logger, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BROADCAST, FirstResponseOverdue } from '@rujukan/contracts';
import { MESSAGING_CONFIG, UnitOfWork, type MessagingConfig, type Transaction } from '@rujukan/messaging';
import { CaseFile } from '../cases/case.entity.js';
import { storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { raiseAlert } from './raise-alert.js';

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
      const due: Array<{ id: string; risk_level: CaseFile['riskLevel']; statistics_id: string | null }> = await tx.manager.query(
        `SELECT id, risk_level, statistics_id FROM case_file
         WHERE first_responded_at IS NULL AND overdue_alerted_at IS NULL AND first_response_due_at <= $1
           AND status NOT IN ('closed', 'closed-referred')
         ORDER BY first_response_due_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
        [now],
      );
      for (const c of due) {
        await tx.manager.query(`UPDATE case_file SET overdue_alerted_at = $2 WHERE id = $1`, [c.id, now]);
        await raiseAlert(tx, c.id, 'first-response-overdue');
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
    const repo = tx.manager.getRepository(CaseFile);
    const found = await repo.findOne({ where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
    if (!found) throw new NotFoundException(`no case ${caseId}`);
    if (!found.firstRespondedAt) {
      found.firstRespondedAt = new Date();
      await repo.update({ id: caseId }, { firstRespondedAt: found.firstRespondedAt });
    }
    return found;
  }
}
