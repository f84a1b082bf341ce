// Request size limits, in their own module so the pages that state them need not import the app factory
// (which imports every module, and so would import them back).

/** JSON bodies above this are refused before parsing (files go through multipart with their own limit). */
export const JSON_BODY_LIMIT = 1024 * 1024;
/** Uploaded files (batch spreadsheets, letter attachments): refused past this size while streaming. */
export const UPLOAD_FILE_LIMIT = 10 * 1024 * 1024;
