import type { INestApplicationContext } from '@nestjs/common';
import { dayIn } from '@rujukan/contracts';
import { UnitOfWork } from '@rujukan/messaging';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { ImportRegisterService } from './import-register.service.js';
import { readRegister } from './read-register.js';

/**
 * `node dist/apps/intake/src/main.js import cases FILE.xlsx|csv`: checks every
 * row of a past register and names each problem by line and column (exit 1,
 * nothing imported), else imports it in one transaction and says what it did.
 * Prints no cell of the register: a problem names the line and the column only.
 */
export async function importCommand(app: INestApplicationContext, args: string[]): Promise<number> {
  const [what, file] = args;
  if (what !== 'cases' || !file) {
    process.stderr.write('usage: import cases FILE.xlsx|FILE.csv (layout: docs/import-register.md)\n');
    return 2;
  }
  const settings = app.get<IntakeSettings>(INTAKE_SETTINGS);
  const service = app.get(ImportRegisterService);
  const { columns, lines } = await readRegister(file);
  const { problems, cases } = service.check(columns, lines, dayIn(new Date(), settings.timeZone));
  if (problems.length) {
    const rows = new Set(problems.map((p) => p.line)).size;
    process.stdout.write(`${file}: nothing imported; ${problems.length} problem(s) in ${rows} row(s):\n`);
    for (const p of problems) process.stdout.write(`  line ${p.line}, ${p.column}: ${p.problem}\n`);
    return 1;
  }
  const outcome = await app.get(UnitOfWork).run((tx) => service.import(tx, cases));
  process.stdout.write(
    `${file}: imported ${outcome.imported} case(s) with ${outcome.victims} victim(s)` +
      ` (${outcome.deidentified} de-identified, closed more than ${settings.retentionYears} years ago);` +
      ` ${outcome.alreadyImported} already imported, left as they were\n`,
  );
  return 0;
}
