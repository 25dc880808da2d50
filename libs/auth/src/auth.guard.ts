import {
  BadRequestException,
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ACCESS_RULE, PUBLIC_ROUTE, SIGN_IN_STEP_ROUTE, type AccessRule } from './access.decorator.js';
import { AccessRecord } from './access-record.entity.js';
import { OwnershipRegistry } from './ownership.js';
import { AccountsService } from './accounts.service.js';
import type { Principal, SignInStep } from './roles.js';
import { InvalidToken, TokenService } from './token.service.js';
import { SessionService } from './session.service.js';
import { REGISTER_LOOKUP, RegisterLookups, type LookupKeys, type LookupNote } from './register-lookups.js';

export interface AuthorizedRequest {
  principal?: Principal;
  access?: { rule: AccessRule; resourceId: string | null; notOwner: boolean };
  /** Set by a list endpoint: the ids it returned, for the access record. */
  listedIds?: string[];
  /** Set on a route that looks the register up (RegisterLookup): its row in the access record. */
  lookup?: LookupNote;
  body?: unknown;
  res?: { setHeader(name: string, value: string): void };
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string>;
  method: string;
  route?: { path?: string };
  ip?: string;
}

/**
 * Every HTTP route: a valid bearer token (this node's or the identity
 * provider's), a role the route's rule allows, and for a case worker a record
 * that is hers. Routes without a rule are refused: deny by default.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly log = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly ownership: OwnershipRegistry,
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionService,
    private readonly lookups: RegisterLookups,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // events are authenticated by the bus
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthorizedRequest>();
    const rule = this.reflector.getAllAndOverride<AccessRule>(ACCESS_RULE, targets);

    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new UnauthorizedException('sign in first: Authorization: Bearer <token>');
    let principal: Principal;
    try {
      principal = await this.tokens.verify(token);
    } catch (err) {
      throw new UnauthorizedException(err instanceof InvalidToken ? err.message : 'token is not valid');
    }
    // A local account is re-checked on every call: disabled, or a role or password changed since, ends the token.
    if (principal.issuer === 'local') {
      await this.accounts.checkSession(principal);
      await this.sessions.checkLive(principal);
    }
    req.principal = principal;
    const step = this.reflector.getAllAndOverride<SignInStep | undefined>(SIGN_IN_STEP_ROUTE, targets);
    if (principal.step && principal.step !== step) {
      throw new ForbiddenException({
        statusCode: 403,
        message:
          principal.step === 'change-password'
            ? 'choose a new password first: POST /auth/password'
            : 'turn on your second factor first: POST /auth/second-factor',
        next: principal.step,
      });
    }

    if (!rule) {
      this.log.error(`no access rule on ${req.method} ${req.route?.path ?? '?'}: refused`);
      throw new ForbiddenException('this endpoint has no access rule');
    }
    const resourceId = rule.param ? (req.params[rule.param] ?? null) : null;
    if (!rule.roles.includes(principal.role)) {
      await this.record(req, principal, rule, resourceId, false, 'denied');
      throw new ForbiddenException(`a ${principal.role} may not do this`);
    }
    let notOwner = false;
    if (rule.param) {
      // Refuse rather than skip: an id the resolver cannot read must not pass unchecked.
      if (!resourceId || !UUID.test(resourceId)) throw new BadRequestException(`${rule.param} must be a UUID`);
      const resolve = this.ownership.get(rule.resource);
      if (!resolve && principal.role === 'case-worker') throw new ForbiddenException('no ownership rule for this record');
      const whose = resolve ? await resolve(this.dataSource.manager, resourceId, principal) : 'own';
      notOwner = whose === 'other';
      if (notOwner && principal.role === 'case-worker') {
        await this.record(req, principal, rule, resourceId, true, 'denied');
        throw new ForbiddenException('this record is not assigned to or shared with you');
      }
    }
    const lookupKeys = this.reflector.getAllAndOverride<LookupKeys | undefined>(REGISTER_LOOKUP, targets);
    if (lookupKeys) req.lookup = await this.lookups.admit(req, principal, lookupKeys);
    req.access = { rule, resourceId, notOwner };
    return true;
  }

  private async record(
    req: AuthorizedRequest,
    p: Principal,
    rule: AccessRule,
    resourceId: string | null,
    notOwner: boolean,
    outcome: string,
  ) {
    await this.dataSource.getRepository(AccessRecord).insert({
      staffId: p.staffId,
      role: p.role,
      action: rule.action,
      resource: rule.resource,
      resourceId,
      route: `${req.method} ${req.route?.path ?? ''}`,
      fromAddress: req.ip ?? null,
      notOwner,
      outcome,
    });
  }
}
