import 'reflect-metadata';
export * from './subjects.js';
export * from './envelope.js';
export * from './define-event.js';
export * from './delivery.events.js';
export * from './state-order.js';
export * from './referral-state.js';
