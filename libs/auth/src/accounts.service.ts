import { randomBytes } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AUTH_CLOCK, type Clock } from './auth.constants.js';
import { hashPassword, passwordProblems, verifyPassword } from './password.js';
import { ADMIN_MAY_GRANT, ALERTED_ROLES, type Principal, type Role } from './roles.js';
import type { StaffAccountView } from './staff-account.entity.js';
import { StaffAccountsRepository, type StaffAlert } from './staff-accounts.repository.js';
import { DraftKeys } from './draft-keys.js';

/**
 * Who changes an account: an administrator through the API (limited to
 * ADMIN_MAY_GRANT, never on her own account), or the node's command line,
 * run by whoever runs the node's server, which may do everything.
 */
export type AccountActor = { principal: Principal; route: string; fromAddress: string | null } | 'command';

/** The nodes' one 400 shape (libs/platform's fieldErrorsException): a check of the node's own, its rule code `invalid`. */
const fieldError = (field: string, problems: string[]) =>
  new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    fields: { [field]: problems },
    rules: { [field]: ['invalid'] },
  });

/** Local accounts: create, disable and enable, change role, reset and change passwords, unlock, alerts. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: StaffAccountsRepository,
    private readonly drafts: DraftKeys,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
  ) {}

  async create(
    actor: AccountActor,
    input: { username: string; displayName: string; role: Role; password: string },
  ): Promise<StaffAccountView> {
    this.mayGrant(actor, input.role);
    const problems = passwordProblems(input.password);
    if (problems.length) throw fieldError('password', problems);
    const passwordHash = await hashPassword(input.password); // before the transaction: it holds no connection while hashing
    return this.dataSource.transaction(async (manager) => {
      if (await this.accounts.usernameTaken(manager, input.username)) throw new ConflictException(`username ${input.username} is taken`);
      const account = await this.accounts.insert(manager, { ...input, passwordHash });
      await this.granted(manager, actor, account.id, input.role, 'staff-created');
      return account;
    });
  }

  /** The first administrator, by command only; refused once any administrator exists. */
  async createFirstAdmin(username: string, password: string): Promise<StaffAccountView> {
    const problems = passwordProblems(password);
    if (problems.length) throw new BadRequestException(problems.join('; '));
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      // Two commands at once must not both create a "first" administrator.
      await this.accounts.lockAccountsTable(manager);
      if (await this.accounts.adminExists(manager)) {
        throw new ConflictException('an administrator exists already: sign in as them and create accounts with POST /staff');
      }
      return this.accounts.insert(manager, { username, displayName: username, role: 'agency-admin', passwordHash });
    });
  }

  /** A new role; every token of the account is refused from its next call, so the change takes effect at once. */
  async changeRole(actor: AccountActor, id: string, role: Role): Promise<void> {
    this.notOwn(actor, id);
    this.mayGrant(actor, role);
    await this.dataSource.transaction(async (manager) => {
      const account = await this.find(manager, id);
      if (account.role === role) return;
      await this.accounts.update(manager, id, { role }, true);
      await this.granted(manager, actor, id, role, 'role-changed');
    });
  }

  /** Disabled: no sign-in, and the tokens it holds are refused from their next call. */
  async disable(actor: AccountActor, id: string): Promise<void> {
    this.notOwn(actor, id);
    await this.dataSource.transaction(async (manager) => {
      const account = await this.find(manager, id);
      if (!account.disabled) await this.accounts.update(manager, id, { disabledAt: this.clock.now() }, true);
      // Her console's draft, if one was left in a browser, can no longer be opened.
      await this.drafts.retire(id, manager);
    });
  }

  async enable(actor: AccountActor, id: string): Promise<void> {
    this.notOwn(actor, id);
    await this.dataSource.transaction(async (manager) => {
      await this.find(manager, id);
      await this.accounts.update(manager, id, { disabledAt: null }, false);
    });
  }

  /**
   * A one-time password, shown once: the next sign-in with it must choose a new
   * password. Ends the account's sessions and its lock; the second factor stays.
   * An administrator may reset only accounts of roles she may grant.
   */
  async resetPassword(actor: AccountActor, id: string): Promise<{ oneTimePassword: string }> {
    this.notOwn(actor, id);
    const oneTimePassword = randomBytes(15).toString('base64url'); // 20 characters, 120 bits
    const passwordHash = await hashPassword(oneTimePassword);
    await this.dataSource.transaction(async (manager) => {
      const account = await this.find(manager, id);
      this.mayManage(actor, account.role, 'reset the password of');
      // A password would make the provider's account one that signs in here too, past the provider.
      if (account.passwordHash === null)
        throw new ForbiddenException('this account signs in at the identity provider: it has no password here');
      await this.accounts.update(manager, id, { passwordHash, mustChangePassword: true }, true);
      await this.accounts.clearFailures(account.username, manager);
    });
    return { oneTimePassword };
  }

  /** Turns the second factor off (a lost phone): the next sign-in enrols again where it is required. */
  async resetSecondFactor(actor: AccountActor, id: string): Promise<void> {
    this.notOwn(actor, id);
    await this.dataSource.transaction(async (manager) => {
      const account = await this.find(manager, id);
      this.mayManage(actor, account.role, 'reset the second factor of');
      await this.accounts.update(manager, id, { totpSecret: null, totpPendingSecret: null, totpLastStep: null }, true);
      await this.accounts.replaceRecoveryCodes(manager, id, []);
    });
  }

  /** The holder's own new password (also the way out of a one-time password); ends her other sessions. */
  async changeOwnPassword(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const id = this.localAccountOf(principal);
    const account = await this.dataSource.transaction((manager) => this.find(manager, id));
    if (!account.passwordHash) throw new ForbiddenException('this account signs in at the identity provider: change the password there');
    if (!(await verifyPassword(currentPassword, account.passwordHash))) throw new UnauthorizedException('the current password is wrong');
    const problems = passwordProblems(newPassword);
    if (newPassword === currentPassword) problems.push('the new password must differ from the current one');
    if (problems.length) throw fieldError('newPassword', problems);
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction((manager) => this.accounts.update(manager, id, { passwordHash, mustChangePassword: false }, true));
  }

  /** Unlocks by username: the command-line way back in when the only administrator is locked. */
  async unlockByUsername(username: string): Promise<void> {
    if (!(await this.accounts.findByUsername(username))) throw new NotFoundException(`no account ${username}`);
    await this.accounts.clearFailures(username.trim().toLowerCase());
  }

  async unlock(id: string): Promise<void> {
    const account = await this.dataSource.transaction((manager) => this.find(manager, id));
    await this.accounts.clearFailures(account.username.trim().toLowerCase());
  }

  /** The command line's way to an account. */
  async idOf(username: string): Promise<string> {
    const account = await this.accounts.findByUsername(username);
    if (!account) throw new NotFoundException(`no account ${username}`);
    return account.id;
  }

  /** Refuses a token whose account is gone or disabled, or whose version moved on (role, password, disable). */
  async checkSession(principal: Principal): Promise<void> {
    const state = await this.accounts.sessionState(principal.staffId);
    if (!state || state.disabled || state.tokenVersion !== principal.tokenVersion || state.role !== principal.role) {
      throw new UnauthorizedException('this session has ended: sign in again');
    }
  }

  /** An account's role while it may work (not disabled), else undefined: who may be given a task. */
  async activeRoleOf(id: string): Promise<Role | undefined> {
    const state = await this.accounts.sessionState(id);
    return state && !state.disabled ? state.role : undefined;
  }

  list(): Promise<StaffAccountView[]> {
    return this.accounts.list();
  }

  /** Grants of supervisor and administrator roles the reader did not make herself. */
  alerts(principal: Principal): Promise<StaffAlert[]> {
    return this.accounts.alertsFor(principal.staffId);
  }

  localAccountOf(principal: Principal): string {
    if (principal.issuer !== 'local') throw new ForbiddenException('your identity provider manages this account');
    return principal.staffId;
  }

  private async find(manager: EntityManager, id: string) {
    const account = await this.accounts.findForUpdate(manager, id);
    if (!account) throw new NotFoundException(`no account ${id}`);
    return account;
  }

  private mayGrant(actor: AccountActor, role: Role): void {
    if (actor === 'command' || ADMIN_MAY_GRANT.includes(role)) return;
    throw new ForbiddenException(
      `an agency administrator may give the roles ${ADMIN_MAY_GRANT.join(', ')}; a ${role} is made with the node's command (docs/security.md)`,
    );
  }

  private mayManage(actor: AccountActor, role: Role, what: string): void {
    if (actor === 'command' || ADMIN_MAY_GRANT.includes(role)) return;
    throw new ForbiddenException(`an agency administrator may not ${what} a ${role}: use the node's command (docs/security.md)`);
  }

  private notOwn(actor: AccountActor, id: string): void {
    if (actor !== 'command' && actor.principal.staffId === id) {
      throw new ForbiddenException('not on your own account: ask another administrator (or change your password with POST /auth/password)');
    }
  }

  /** A supervisor or administrator made: in the access record, and an alert for the agency's other administrators. */
  private async granted(manager: EntityManager, actor: AccountActor, staffId: string, role: Role, kind: string): Promise<void> {
    if (!ALERTED_ROLES.includes(role)) return;
    const by =
      actor === 'command' ? { byStaffId: 'command', byRole: '-' } : { byStaffId: actor.principal.staffId, byRole: actor.principal.role };
    await this.accounts.recordGrant(manager, {
      ...by,
      staffId,
      role,
      route: actor === 'command' ? `command staff ${kind}` : actor.route,
      fromAddress: actor === 'command' ? null : actor.fromAddress,
    });
    await this.accounts.raiseAlert(manager, { kind, staffId, role, byStaffId: by.byStaffId });
  }
}
