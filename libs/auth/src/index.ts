export * from './roles.js';
export * from './password.js';
export * from './sign-in-policy.js';
export * from './auth.config.js';
export * from './token.service.js';
