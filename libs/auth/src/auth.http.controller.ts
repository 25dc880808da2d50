import { Body, Controller, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post, Query, Req, UseGuards } from '@nestjs/common';
import { IsBooleanString, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, Public, SignInStepRoute } from './access.decorator.js';
import { AccessRecordsQuery } from './access-records.query.js';
import { AccountsService, type AccountActor } from './accounts.service.js';
import type { AuthorizedRequest } from './auth.guard.js';
import { NoIdempotency } from './no-idempotency.js';
import { ROLES, type Principal, type Role } from './roles.js';
import { SecondFactorService } from './second-factor.service.js';
import { SignInAddressGuard } from './sign-in-limits.js';
import { SignInService } from './sign-in.service.js';
import { SessionService } from './session.service.js';
import { OidcSignInService } from './oidc-sign-in.service.js';
import { DraftKeys } from './draft-keys.js';
import { ApiProperty } from '@nestjs/swagger';

export class SignInBody {
  @IsString()
  @MaxLength(100)
  username: string;

  @IsString()
  @MaxLength(200)
  password: string;

  /** The six digits of the authenticator app, for an account with a second factor. */
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits your authenticator app shows' })
  code?: string;

  /** Instead of a code: one of the account's recovery codes (each works once). */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  recoveryCode?: string;
}

export class RefreshBody {
  /** The refresh token of the last sign-in or refresh (each works once). */
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class OidcCallbackBody {
  /** The `code` the provider sent her back with. */
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  code: string;

  /** The `state` the provider sent her back with (that of POST /auth/oidc/start; each works once). */
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  state: string;
}

export class ChangePasswordBody {
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @IsString()
  @MinLength(12)
  @MaxLength(200)
  newPassword: string;
}

export class ConfirmSecondFactorBody {
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits your authenticator app shows' })
  code: string;
}

export class CreateStaffBody {
  @Matches(/^[a-z0-9._-]{3,60}$/, { message: 'username must be 3-60 lower-case letters, digits, dots, dashes or underscores' })
  username: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @ApiProperty({ example: 'Rina Marlina (pendamping)' })
  displayName: string;

  @IsIn(ROLES)
  role: Role;

  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;
}

export class ChangeRoleBody {
  @IsIn(ROLES)
  role: Role;
}

export class AccessRecordQuery {
  @IsOptional()
  @IsBooleanString()
  notOwner?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  staffId?: string;
}

const actorOf = (req: AuthorizedRequest): AccountActor => ({
  principal: req.principal!,
  route: `${req.method} ${req.route?.path ?? ''}`,
  fromAddress: req.ip ?? null,
});

@Controller('auth')
export class SignInHttpController {
  constructor(
    private readonly signInService: SignInService,
    private readonly accounts: AccountsService,
    private readonly secondFactor: SecondFactorService,
    private readonly sessions: SessionService,
    private readonly oidc: OidcSignInService,
    private readonly drafts: DraftKeys,
  ) {}

  /** The ways to sign in the console offers: local accounts, and the identity provider when this node is its client. */
  @Public()
  @Get('providers')
  providers() {
    return this.oidc.providers();
  }

  /**
   * Starts a sign-in at the identity provider (authorization code, PKCE S256):
   * the node keeps the state, nonce and code verifier (ten minutes, single use)
   * and answers the provider's address to send her to.
   */
  @Public()
  @UseGuards(SignInAddressGuard)
  @NoIdempotency()
  @Post('oidc/start')
  @HttpCode(200)
  oidcStart() {
    return this.oidc.start();
  }

  /**
   * Finishes it with what the provider sent her back with: the node exchanges
   * the code, verifies the ID token and starts her session, as a local sign-in
   * does. Refusals name their `refusal` (e.g. `wrong-agency`, `unknown-state`, `expired`).
   */
  @Public()
  @UseGuards(SignInAddressGuard)
  @NoIdempotency()
  @Post('oidc/callback')
  @HttpCode(200)
  oidcCallback(@Body() body: OidcCallbackBody, @Ip() ip: string) {
    return this.oidc.finish(body, ip ?? null);
  }

  /** Local accounts: a short-lived bearer token (limited to the next step when `next` is set). */
  @Public()
  @UseGuards(SignInAddressGuard)
  @Post('sign-in')
  @HttpCode(200)
  signIn(@Body() body: SignInBody, @Ip() ip: string) {
    return this.signInService.signIn(body, ip ?? null);
  }

  /** A new access token and a new refresh token for a live session; the refresh token sent is spent. */
  @Public()
  @UseGuards(SignInAddressGuard)
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshBody) {
    return this.sessions.refresh(body.refreshToken);
  }

  /** Ends her session at the node: its refresh token and access tokens stop working now. */
  @Allow(ROLES, { resource: 'own-account', action: 'write' })
  @NoIdempotency()
  @Post('sign-out')
  @HttpCode(204)
  signOut(@CurrentStaff() staff: Principal) {
    return this.sessions.end(staff);
  }

  /** A single-use ticket (30 s) to open one server-sent event stream, which cannot send a bearer header. */
  @Allow(ROLES, { resource: 'own-account', action: 'read' })
  @NoIdempotency()
  @Post('stream-ticket')
  @HttpCode(200)
  streamTicket(@CurrentStaff() staff: Principal) {
    return this.sessions.ticket(staff);
  }

  /**
   * Her key for the console's drafts (AES-256-GCM), derived on the node: the
   * console keeps it in memory and stores only what it encrypts with it.
   * Signing out or a disable gives her a new one; the old one is gone.
   */
  @Allow(ROLES, { resource: 'own-account', action: 'read' })
  @Get('draft-key')
  draftKey(@CurrentStaff() staff: Principal) {
    return this.drafts.key(staff.staffId);
  }

  /** Her own new password; also how a one-time password is replaced. */
  @Allow(ROLES, { resource: 'own-account', action: 'write' })
  @SignInStepRoute('change-password')
  @Post('password')
  @HttpCode(204)
  changePassword(@CurrentStaff() staff: Principal, @Body() body: ChangePasswordBody) {
    return this.accounts.changeOwnPassword(staff, body.currentPassword, body.newPassword);
  }

  /** A TOTP secret for her authenticator app (not on until confirmed). */
  @Allow(ROLES, { resource: 'own-account', action: 'write' })
  @SignInStepRoute('enrol-second-factor')
  @NoIdempotency()
  @Post('second-factor')
  @HttpCode(200)
  beginSecondFactor(@CurrentStaff() staff: Principal) {
    return this.secondFactor.begin(staff);
  }

  /** Turns the second factor on with a code; answers the recovery codes, once. */
  @Allow(ROLES, { resource: 'own-account', action: 'write' })
  @SignInStepRoute('enrol-second-factor')
  @NoIdempotency()
  @Post('second-factor/confirm')
  @HttpCode(200)
  confirmSecondFactor(@CurrentStaff() staff: Principal, @Body() body: ConfirmSecondFactorBody) {
    return this.secondFactor.confirm(staff, body.code);
  }
}

@Controller()
export class StaffHttpController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly accessRecords: AccessRecordsQuery,
  ) {}

  @Allow(['agency-admin'], { resource: 'staff', action: 'read' })
  @Get('staff')
  list() {
    return this.accounts.list();
  }

  /** Grants of supervisor and administrator roles made by someone else (ids and roles only). */
  @Allow(['agency-admin'], { resource: 'staff', action: 'read' })
  @Get('staff/alerts')
  alerts(@CurrentStaff() staff: Principal) {
    return this.accounts.alerts(staff);
  }

  @Allow(['agency-admin'], { resource: 'staff', action: 'write' })
  @Post('staff')
  @HttpCode(201)
  create(@Body() body: CreateStaffBody, @Req() req: AuthorizedRequest) {
    return this.accounts.create(actorOf(req), body);
  }

  @Allow(['agency-admin'], { resource: 'staff', action: 'write', param: 'id' })
  @Post('staff/:id/unlock')
  @HttpCode(204)
  unlock(@Param('id', ParseUUIDPipe) id: string) {
    return this.accounts.unlock(id);
  }

  @Allow(['agency-admin'], { resource: 'staff', action: 'write', param: 'id' })
  @Post('staff/:id/disable')
  @HttpCode(204)
  disable(@Param('id', ParseUUIDPipe) id: string, @Req() req: AuthorizedRequest) {
    return this.accounts.disable(actorOf(req), id);
  }

  @Allow(['agency-admin'], { resource: 'staff', action: 'write', param: 'id' })
  @Post('staff/:id/enable')
  @HttpCode(204)
  enable(@Param('id', ParseUUIDPipe) id: string, @Req() req: AuthorizedRequest) {
    return this.accounts.enable(actorOf(req), id);
  }

  @Allow(['agency-admin'], { resource: 'staff', action: 'write', param: 'id' })
  @Post('staff/:id/role')
  @HttpCode(204)
  changeRole(@Param('id', ParseUUIDPipe) id: string, @Body() body: ChangeRoleBody, @Req() req: AuthorizedRequest) {
    return this.accounts.changeRole(actorOf(req), id, body.role);
  }

  /** A one-time password, answered once (never stored by Idempotency-Key). */
  @Allow(['agency-admin'], { resource: 'staff', action: 'write', param: 'id' })
  @NoIdempotency()
  @Post('staff/:id/password-reset')
  @HttpCode(200)
  resetPassword(@Param('id', ParseUUIDPipe) id: string, @Req() req: AuthorizedRequest) {
    return this.accounts.resetPassword(actorOf(req), id);
  }

  @Allow(['agency-admin'], { resource: 'staff', action: 'write', param: 'id' })
  @Post('staff/:id/second-factor-reset')
  @HttpCode(204)
  resetSecondFactor(@Param('id', ParseUUIDPipe) id: string, @Req() req: AuthorizedRequest) {
    return this.accounts.resetSecondFactor(actorOf(req), id);
  }

  /** Who touched which record: for the agency administrator. */
  @Allow(['agency-admin'], { resource: 'access-record', action: 'read' })
  @Get('access-records')
  records(@Query() query: AccessRecordQuery) {
    return this.accessRecords.latest({
      notOwner: query.notOwner === undefined ? undefined : query.notOwner === 'true',
      staffId: query.staffId,
    });
  }
}
