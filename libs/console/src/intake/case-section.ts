import type { IntakeClient } from '../api.js';

/** What every section of the case page is given: the API, the case, whether it is closed, and how to read it again. */
export interface CaseSectionProps {
  api: IntakeClient;
  caseId: string;
  /** A closed case takes no new work: the section shows what it holds, without its form. */
  closed: boolean;
  /** Reads the case, its plan and its timeline again after a change. */
  refresh: () => void;
}
