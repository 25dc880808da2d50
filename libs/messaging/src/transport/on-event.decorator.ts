import { EventPattern } from '@nestjs/microservices';
import type { EventContract } from '@rujukan/contracts';

/**
 * `@EventPattern` for a contract: the handler receives the validated envelope
 * (`@Payload()`) and an EventContext (`@Ctx()`). Taking the contract rather
 * than a string keeps producer and consumer on the same class and version.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any contract, whatever its payload
export function OnEvent(contract: EventContract<any>): MethodDecorator {
  return EventPattern<string>(contract.pattern);
}
