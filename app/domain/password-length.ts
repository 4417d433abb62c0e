/** Password length rules, shared by the forms' schemas (browser-safe) and the password module. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
