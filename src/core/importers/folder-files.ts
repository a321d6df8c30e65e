/**
 * Which files of a folder are worth importing, shared by the CLI's folder walk and the app's
 * folder drop: documentation, images, code and archives next to the exports are skipped rather
 * than reported as rejected. HCL is kept (Vault policies).
 */
const NOT_EXPORTS = /\.(md|txt|png|jpe?g|gif|svg|pdf|html?|js|ts|py|sh|gz|zip|LICENSE)$/i;
const NOT_EXPORT_NAMES = new Set(['LICENSE', 'NOTICE', 'README', '.DS_Store']);

/** `name`: the file's own name (no folder). */
export const skippedInFolders = (name: string): boolean => name.startsWith('.') || NOT_EXPORT_NAMES.has(name) || NOT_EXPORTS.test(name);
