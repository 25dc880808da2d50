import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role, SignInStep } from './roles.js';

export const ACCESS_RULE = 'rujukan:access-rule';
export const PUBLIC_ROUTE = 'rujukan:public-route';
export const SIGN_IN_STEP_ROUTE = 'rujukan:sign-in-step';

export type AccessAction = 'read' | 'write' | 'export';

/** Who may call an endpoint, and which record it touches (for ownership and the access record). */
export interface AccessRule {
  roles: readonly Role[];
  /** The kind of record: 'case', 'referral', 'admission', 'statistics', 'staff' ... */
  resource: string;
  action: AccessAction;
  /** Route parameter holding the record's id, when the endpoint is about one record. */
  param?: string;
}

/**
 * Declares who may call an endpoint. Every route needs this or `@Public()`:
 * the guard refuses routes without a rule.
 */
export const Allow = (roles: readonly Role[], target: Omit<AccessRule, 'roles'>) =>
  SetMetadata(ACCESS_RULE, { roles, ...target } satisfies AccessRule);

/**
 * A route a token limited to this sign-in step may call (and full tokens too):
 * every other route refuses such a token.
 */
export const SignInStepRoute = (step: SignInStep) => SetMetadata(SIGN_IN_STEP_ROUTE, step);

/** No sign-in needed (health, sign-in itself). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The signed-in staff member (set by the guard). */
export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
