// src/widget: the Preact UI and its entries.
export { mount, type MountOptions } from './mount.ts';
export { readConfig, type BackendFactories, type Config } from './config.ts';
