import {
  BadRequestException,
  ConflictException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { AuthSettings } from './auth.config.js';
import { AUTH_SETTINGS } from './auth.constants.js';
import { DataSource } from 'typeorm';
import { DUMMY_HASH, hashPassword, passwordProblems, verifyPassword } from './password.js';
import type { Role } from './roles.js';
import { DEFAULT_SIGN_IN_POLICY, signInGate, type SignInPolicy } from './sign-in-policy.js';
import { AccessRecord } from './access-record.entity.js';
import { StaffAccount } from './staff-account.entity.js';
import { TokenService } from './token.service.js';

/** Local accounts: create, sign in (slowed, then locked, after failures), unlock. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  private get policy(): SignInPolicy {
    return this.settings.signInPolicy ?? DEFAULT_SIGN_IN_POLICY;
  }

  async create(input: { username: string; displayName: string; role: Role; password: string }): Promise<StaffAccount> {
    const problems = passwordProblems(input.password);
    if (problems.length)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        fields: { password: problems },
      });
    const repo = this.dataSource.getRepository(StaffAccount);
    if (await repo.findOneBy({ username: input.username })) throw new ConflictException(`username ${input.username} is taken`);
    const account = repo.create({
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    });
    await repo.insert(account);
    const { passwordHash: _, ...visible } = account;
    return visible as StaffAccount;
  }

  /** The first administrator, by command only; refused once any administrator exists. */
  async createFirstAdmin(username: string, password: string): Promise<StaffAccount> {
    const problems = passwordProblems(password);
    if (problems.length) throw new BadRequestException(problems.join('; '));
    return this.dataSource.transaction(async (manager) => {
      // Two commands at once must not both create a "first" administrator.
      await manager.query('LOCK TABLE staff_account IN SHARE ROW EXCLUSIVE MODE');
      const repo = manager.getRepository(StaffAccount);
      if (await repo.existsBy({ role: 'agency-admin' })) {
        throw new ConflictException('an administrator exists already: sign in as them and create accounts with POST /staff');
      }
      const account = repo.create({ username, displayName: username, role: 'agency-admin', passwordHash: await hashPassword(password) });
      await repo.insert(account);
      const { passwordHash: _, ...visible } = account;
      return visible as StaffAccount;
    });
  }

  /** Unlocks by username: the command-line way back in when the only administrator is locked. */
  async unlockByUsername(username: string): Promise<void> {
    if (!(await this.dataSource.getRepository(StaffAccount).existsBy({ username }))) throw new NotFoundException(`no account ${username}`);
    await this.dataSource.query(`UPDATE sign_in_attempt SET failures = 0, last_failed_at = NULL WHERE username = $1`, [
      username.trim().toLowerCase(),
    ]);
  }

  async signIn(
    username: string,
    password: string,
    fromAddress: string | null = null,
  ): Promise<{ accessToken: string; expiresIn: number; role: Role }> {
    const key = username.trim().toLowerCase().slice(0, 100);
    // The failure is counted in a committed transaction; the refusal is thrown after it.
    const outcome = await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO sign_in_attempt (username) VALUES ($1) ON CONFLICT DO NOTHING`, [key]);
      const [attempt]: Array<{ failures: number; last_failed_at: Date | null }> = await manager.query(
        `SELECT failures, last_failed_at FROM sign_in_attempt WHERE username = $1 FOR UPDATE`,
        [key],
      );
      const gate = signInGate(this.policy, attempt.failures, attempt.last_failed_at, new Date());
      if (!gate.allowed && gate.reason === 'locked') {
        return new HttpException(
          'account locked after repeated failed sign-ins: ask your agency administrator to unlock it',
          HttpStatus.LOCKED,
        );
      }
      if (!gate.allowed) {
        return new HttpException(
          {
            statusCode: 429,
            message: 'too many failed sign-ins: wait and try again',
            retryAfterSeconds: Math.ceil(gate.retryAfterMs / 1000),
          },
          HttpStatus.TOO_MANY_REQUESTS,
        );
      }
      const account = await manager
        .getRepository(StaffAccount)
        .createQueryBuilder('a')
        .addSelect('a.passwordHash')
        .where('a.username = :username', { username })
        .getOne();
      // A missing account costs the same scrypt check and the same write as a wrong password.
      const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
      if (!account || !ok) {
        await manager.query(`UPDATE sign_in_attempt SET failures = failures + 1, last_failed_at = now() WHERE username = $1`, [key]);
        return new UnauthorizedException('wrong username or password');
      }
      await manager.query(`UPDATE sign_in_attempt SET failures = 0, last_failed_at = NULL WHERE username = $1`, [key]);
      return { ...(await this.tokens.issue(account.id, account.role)), role: account.role };
    });
    if (outcome instanceof HttpException) {
      // Refused sign-ins go into the access record too (password spraying leaves a trace); never the password.
      await this.dataSource.getRepository(AccessRecord).insert({
        staffId: `username:${key}`,
        role: '-',
        action: 'write',
        resource: 'sign-in',
        resourceId: null,
        route: 'POST /auth/sign-in',
        fromAddress,
        notOwner: false,
        outcome: 'denied',
      });
      throw outcome;
    }
    return outcome;
  }

  async unlock(id: string): Promise<void> {
    const account = await this.dataSource.getRepository(StaffAccount).findOneBy({ id });
    if (!account) throw new NotFoundException(`no account ${id}`);
    await this.unlockByUsername(account.username);
  }

  list(): Promise<StaffAccount[]> {
    return this.dataSource.getRepository(StaffAccount).find({ order: { username: 'ASC' } });
  }
}
