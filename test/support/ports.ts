// Moved to scripts/network so the chaos run (a script) can use it too; tests keep importing it from here.
export * from '../../scripts/network/ports.js';
