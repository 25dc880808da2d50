import { referralClient } from '../api.js';
import { servicePages } from '../service/pages.js';
import { startConsole } from '../shell.js';

/** The BP3MI's or Dinas Sosial's reintegration console: its referral inbox, accept, decline (a plan's completion ends it). */
startConsole('reintegration', (session) => servicePages(referralClient(session), session));
