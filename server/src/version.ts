/** The product version, replaced at build time from package.json. */
declare const __TIENDO_VERSION__: string | undefined;
export const VERSION: string = typeof __TIENDO_VERSION__ === 'string' ? __TIENDO_VERSION__ : '0.1.0-dev';
