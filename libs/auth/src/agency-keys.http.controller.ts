import { Body, ConflictException, Controller, Get, HttpCode, Inject, Param, Post, UnprocessableEntityException } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { DICTIONARY, LANGUAGES, type Dictionary, type Language } from '@rujukan/contracts';
import { AGENCY_REGISTRY, type AgencyRegistry } from '@rujukan/messaging';
import { Allow } from './access.decorator.js';

const FINGERPRINT = /^[0-9a-f]{4}(:[0-9a-f]{4}){15}$/;

export class AcceptAgencyKeysBody {
  /** The fingerprint of the new keys, as GET /agency-keys shows it and the agency reads it out (npm run registry -- set-keys prints it too). */
  @ApiProperty({ example: '3f2a:9c01:77be:0d4e:1a2b:3c4d:5e6f:7081:92a3:b4c5:d6e7:f809:1a2b:3c4d:5e6f:7081' })
  @Matches(FINGERPRINT, { message: 'fingerprint must be 64 hex digits in groups of four, as GET /agency-keys shows it' })
  fingerprint: string;
}

const BOTH_LANGUAGES = { type: 'object', properties: { id: { type: 'string' }, en: { type: 'string' } } } as const;
const FINGERPRINT_SCHEMA = { type: 'string', pattern: FINGERPRINT.source } as const;
const PIN_SCHEMA = {
  type: 'object',
  properties: {
    agency: { type: 'string' },
    fingerprint: FINGERPRINT_SCHEMA,
    pinnedAt: { type: 'string', format: 'date-time' },
    waiting: {
      type: 'object',
      description: 'new keys a signed registry brought, not yet in force',
      properties: {
        fingerprint: FINGERPRINT_SCHEMA,
        offeredAt: { type: 'string', format: 'date-time' },
        registryVersion: { type: 'integer' },
      },
    },
    message: { ...BOTH_LANGUAGES, nullable: true, description: 'what waits, in Bahasa Indonesia and English' },
  },
} as const;

/** One message of the dictionary in both languages, filled in. */
function say(key: keyof Dictionary['agencyKeys'], values: Record<string, string>): Record<Language, string> {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, fill(DICTIONARY[lang].agencyKeys[key])])) as Record<Language, string>;
}

/**
 * The agencies' public keys this node has pinned (docs/security.md): a key
 * a newer signed registry brings for a known agency waits here until an
 * agency admin accepts its fingerprint, checked with that agency first.
 */
@Controller('agency-keys')
export class AgencyKeysHttpController {
  constructor(@Inject(AGENCY_REGISTRY) private readonly registry: AgencyRegistry) {}

  @Allow(['agency-admin'], { resource: 'agency-keys', action: 'read' })
  @Get()
  @ApiOkResponse({ description: 'every agency whose keys this node has pinned', schema: { type: 'array', items: PIN_SCHEMA } })
  list() {
    return this.registry.keyPins().map((pin) => ({
      ...pin,
      message: pin.waiting ? say('waiting', { agency: pin.agency, fingerprint: pin.waiting.fingerprint }) : null,
    }));
  }

  @Allow(['agency-admin'], { resource: 'agency-keys', action: 'write' })
  @Post(':agency/accept')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'the new keys are in force',
    schema: { type: 'object', properties: { agency: { type: 'string' }, fingerprint: FINGERPRINT_SCHEMA, message: BOTH_LANGUAGES } },
  })
  accept(@Param('agency') agency: string, @Body() body: AcceptAgencyKeysBody) {
    const pin = this.registry.keyPins().find((p) => p.agency === agency);
    if (!pin?.waiting) {
      const messages = say('noneWaiting', { agency: agency.slice(0, 100) });
      throw new ConflictException({ statusCode: 409, message: messages.en, messages });
    }
    if (!this.registry.acceptKeys(agency, body.fingerprint)) {
      const messages = say('wrongFingerprint', { agency });
      throw new UnprocessableEntityException({ statusCode: 422, message: messages.en, messages });
    }
    return { agency, fingerprint: body.fingerprint, message: say('accepted', { agency, fingerprint: body.fingerprint }) };
  }
}
