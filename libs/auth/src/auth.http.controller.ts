import { Body, Controller, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IsBooleanString, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Allow, Public } from './access.decorator.js';
import { AccessRecordsQuery } from './access-records.query.js';
import { AccountsService } from './accounts.service.js';
import { ROLES, type Role } from './roles.js';
import { ApiProperty } from '@nestjs/swagger';

export class SignInBody {
  @IsString()
  @MaxLength(100)
  username: string;

  @IsString()
  @MaxLength(200)
  password: string;
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

export class AccessRecordQuery {
  @IsOptional()
  @IsBooleanString()
  notOwner?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  staffId?: string;
}

@Controller('auth')
export class SignInHttpController {
  constructor(private readonly accounts: AccountsService) {}

  /** Local accounts: a short-lived bearer token. */
  @Public()
  @Post('sign-in')
  @HttpCode(200)
  signIn(@Body() body: SignInBody, @Ip() ip: string) {
    return this.accounts.signIn(body.username, body.password, ip ?? null);
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

  @Allow(['agency-admin'], { resource: 'staff', action: 'write' })
  @Post('staff')
  @HttpCode(201)
  create(@Body() body: CreateStaffBody) {
    return this.accounts.create(body);
  }

  @Allow(['agency-admin'], { resource: 'staff', action: 'write', param: 'id' })
  @Post('staff/:id/unlock')
  @HttpCode(204)
  unlock(@Param('id', ParseUUIDPipe) id: string) {
    return this.accounts.unlock(id);
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
