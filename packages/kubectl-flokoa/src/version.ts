// The plugin's version: package.json's (a unit test holds them equal; the bundle reads no files).
export const VERSION = '0.1.0';
