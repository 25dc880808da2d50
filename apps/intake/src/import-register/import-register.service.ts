import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ageOn, BROADCAST, CaseRegistered, dayIn, type CountedVictim, type Disability } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { CaseBuilder } from '../cases/case-builder.js';
import { CaseRepository } from '../cases/case.repository.js';
import { countedVictim } from '../cases/counted-victim.js';
import { deidentifiedPerpetrator } from '../cases/perpetrator.js';
import { statisticsId } from '../cases/statistics-pseudonym.js';
import { StatisticsRepository } from '../cases/statistics.repository.js';
import { brokenRules } from '@rujukan/platform';
import { nikAgreement } from '../duplicates/nik.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { RegisterImportRepository } from './register-import.repository.js';
import type { RegisterLine } from './read-register.js';
import { CASE_COLUMNS, columnOf, REGISTER_COLUMNS, REQUIRED_COLUMNS, RegisterRow, typedRow, type RegisterColumn } from './register-row.js';

/** One problem of a register: its line and column. */
export interface RegisterProblem {
  line: number;
  column: string;
  problem: string;
}

export interface ImportOutcome {
  /** Cases written (identified or de-identified) and their victims. */
  imported: number;
  victims: number;
  /** Of those, cases closed longer ago than the retention: statistics only, no names kept. */
  deidentified: number;
  /** Cases of the register imported before: left as they are. */
  alreadyImported: number;
}

interface RegisterCase {
  number: string;
  rows: Array<{ line: number; row: RegisterRow }>;
}

/** The staff id an imported record is recorded by. */
const IMPORTER = 'register-import';

/**
 * Brings a UPTD PPA's past register in (docs/import-register.md): every row
 * is checked first and nothing is imported while any is wrong; then, in one
 * transaction, each case with its own dates, victims and perpetrator, and its
 * de-identified `case.registered`, so reporting counts it in its year. Each
 * case's identity is its register number at this agency: a re-import changes
 * nothing. A case closed longer ago than the retention comes in de-identified
 * (its broadcast only; intake keeps no name, birth date or NIK of it).
 */
@Injectable()
export class ImportRegisterService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly builder: CaseBuilder,
    private readonly cases: CaseRepository,
    private readonly statistics: StatisticsRepository,
    private readonly imports: RegisterImportRepository,
  ) {}

  /** Every problem of the register, by line and column; the cases when there is none. */
  check(columns: string[], lines: RegisterLine[], today: string): { problems: RegisterProblem[]; cases: RegisterCase[] } {
    const problems: RegisterProblem[] = [];
    const known = new Set(Object.keys(REGISTER_COLUMNS));
    for (const c of columns) if (c && !known.has(c)) problems.push({ line: 1, column: c, problem: `unknown column ${c}` });
    for (const c of REQUIRED_COLUMNS) if (!columns.includes(c)) problems.push({ line: 1, column: c, problem: `column ${c} is missing` });
    if (problems.length) return { problems, cases: [] };
    if (!lines.length) return { problems: [{ line: 2, column: 'register_number', problem: 'the register has no rows' }], cases: [] };

    const byNumber = new Map<string, RegisterCase>();
    for (const { line, cells } of lines) {
      const row = plainToInstance(RegisterRow, typedRow(cells));
      const errors = validateSync(row, { whitelist: true, forbidNonWhitelisted: true });
      // One message per column: the first rule it broke.
      for (const e of errors) problems.push({ line, column: columnOf(e.property), problem: firstMessage(e) });
      if (errors.length) continue;
      problems.push(...rowRules(line, row, today));
      const number = row.registerNumber;
      const group = byNumber.get(number) ?? { number, rows: [] };
      const first = group.rows[0];
      if (first) {
        for (const column of CASE_COLUMNS) {
          const property = REGISTER_COLUMNS[column];
          if (JSON.stringify(row[property]) !== JSON.stringify(first.row[property]))
            problems.push({ line, column, problem: `${column} differs from line ${first.line} of the same case ${number}` });
        }
      }
      group.rows.push({ line, row });
      byNumber.set(number, group);
    }
    return { problems, cases: problems.length ? [] : [...byNumber.values()] };
  }

  /** Imports checked cases in the caller's one transaction. */
  async import(tx: Transaction, cases: RegisterCase[]): Promise<ImportOutcome> {
    const outcome: ImportOutcome = { imported: 0, victims: 0, deidentified: 0, alreadyImported: 0 };
    const today = dayIn(await this.cases.now(tx), this.settings.timeZone);
    const retainedSince = `${Number(today.slice(0, 4)) - this.settings.retentionYears}${today.slice(4)}`;
    for (const c of cases) {
      if (await this.imports.has(tx, this.settings.agencyId, c.number)) {
        outcome.alreadyImported++;
        continue;
      }
      const head = c.rows[0].row;
      const deidentified = head.closedOn !== undefined && head.closedOn < retainedSince;
      const caseId = randomUUID();
      const statisticsCaseId = statisticsId(this.settings.statisticsKey, 'case', caseId);
      // Midday in western Indonesia on the day reported: the month and year it counts in, whatever the node's zone.
      const reportedAt = new Date(`${head.reportedOn}T05:00:00Z`);
      const victims = c.rows.map(({ row }) => {
        const id = randomUUID();
        return {
          id,
          statisticsId: statisticsId(this.settings.statisticsKey, 'victim', id),
          name: row.victimName ?? `(${c.number})`,
          sex: row.victimSex,
          birthDate: row.victimBirthDate,
          ageYears: row.victimBirthDate ? ageOn(row.victimBirthDate, reportedAt) : row.victimAge!,
          district: row.victimDistrict,
          idNumber: row.victimIdNumber,
          education: row.victimEducation ?? null,
          occupation: row.victimOccupation ?? null,
          disabilities: row.victimDisabilities ? row.victimDisabilities.filter((d): d is Disability => d !== 'none') : null,
          consentStatistics: row.consentStatistics === 'yes',
        };
      });
      const perpetrators = head.perpetratorRelation
        ? [{ sex: head.perpetratorSex, ageYears: head.perpetratorAge, relation: head.perpetratorRelation }]
        : [];
      let counted = victims;
      if (!deidentified) {
        const opened = await this.builder.open(tx, {
          id: caseId,
          now: reportedAt,
          ownerId: IMPORTER,
          statisticsId: statisticsCaseId,
          kind: head.kind,
          channel: head.channel,
          riskLevel: head.riskLevel ?? 'low',
          district: head.district,
          incident: {
            violenceTypes: head.violenceTypes,
            place: head.place,
            date: head.incidentOn,
            perpetratorRelation: head.perpetratorRelation,
          },
          victims: victims.map((v) => ({
            ...v,
            birthDate: v.birthDate,
            idNumber: v.idNumber,
            consents: v.consentStatistics
              ? [{ purpose: 'statistics' as const, givenAs: 'signed' as const, recordedBy: IMPORTER, recordedAt: reportedAt }]
              : [],
          })),
          perpetrators,
          traffickingStages: [],
          pseudonymOfKnownVictim: 'earlier',
        });
        // A past case needs no first response now (no alert for it), and keeps its closure.
        await this.cases.update(tx, caseId, {
          firstRespondedAt: reportedAt,
          ...(head.closedOn
            ? {
                status: 'closed',
                closedAt: new Date(`${head.closedOn}T05:00:00Z`),
                closedBy: IMPORTER,
                closureNote: 'imported closed from the register',
              }
            : {}),
        });
        counted = opened.victims.map((v, i) => ({ ...victims[i], statisticsId: v.statisticsId! }));
      }
      const incidentDay = head.incidentOn ? new Date(`${head.incidentOn}T00:00:00Z`) : null;
      const countedVictims: CountedVictim[] = [];
      for (const v of counted) {
        // Numbered in her sequence like a registration (a later withdrawal outranks it); none for a de-identified case.
        const sequence = deidentified ? 1 : await this.statistics.nextSequence(tx, v.statisticsId);
        countedVictims.push(countedVictim({ ...v, birthDate: v.birthDate ?? null }, sequence, incidentDay));
      }
      await tx.emit(CaseRegistered, {
        to: BROADCAST,
        caseId: statisticsCaseId,
        payload: {
          kind: head.kind,
          channel: head.channel,
          month: head.reportedOn.slice(0, 7),
          incidentMonth: head.incidentOn?.slice(0, 7),
          district: head.district,
          violenceTypes: head.violenceTypes,
          place: head.place,
          perpetratorRelation: head.perpetratorRelation,
          victims: countedVictims,
          perpetrators: perpetrators.map((p) =>
            deidentifiedPerpetrator({ sex: p.sex ?? null, ageYears: p.ageYears ?? null, relation: p.relation }),
          ),
        },
      });
      await this.imports.record(tx, {
        agencyId: this.settings.agencyId,
        registerNumber: c.number,
        caseId: deidentified ? null : caseId,
        statisticsCaseId,
        deidentified,
        rows: c.rows.length,
      });
      outcome.imported++;
      outcome.victims += victims.length;
      if (deidentified) outcome.deidentified++;
    }
    return outcome;
  }
}

function firstMessage(e: ValidationError): string {
  // The kind rule when the cell is of the wrong kind (not also its range), as the API answers.
  const message = brokenRules(e.constraints ?? {})[0] ?? `${e.property} is not valid`;
  // class-validator names the property; the register's user knows the column.
  return message.replace(e.property, columnOf(e.property));
}

/** The rules across a row's columns: dates in order and not after today, a NIK that agrees. */
function rowRules(line: number, row: RegisterRow, today: string): RegisterProblem[] {
  const problems: RegisterProblem[] = [];
  const at = (column: RegisterColumn, problem: string) => problems.push({ line, column, problem });
  if (row.reportedOn > today) at('reported_on', 'reported_on must not be after today');
  if (row.incidentOn && row.incidentOn > row.reportedOn) at('incident_on', 'incident_on must not be after reported_on');
  if (row.closedOn && row.closedOn < row.reportedOn) at('closed_on', 'closed_on must not be before reported_on');
  if (row.closedOn && row.closedOn > today) at('closed_on', 'closed_on must not be after today');
  if (row.victimBirthDate && row.victimBirthDate > (row.incidentOn ?? row.reportedOn))
    at('victim_birth_date', 'victim_birth_date must be before the incident (or the report)');
  if (row.victimIdNumber) {
    const nik = nikAgreement(row.victimIdNumber, { sex: row.victimSex, birthDate: row.victimBirthDate });
    if (nik.length) at('victim_id_number', nik[0].replace(/idNumber/g, 'victim_id_number'));
  }
  if (row.victimDisabilities?.includes('none') && row.victimDisabilities.length > 1)
    at('victim_disabilities', 'victim_disabilities is none or kinds of disability, not both');
  return problems;
}
