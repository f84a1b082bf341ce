// The notice's two kinds of printed copy: the court's file copy (存档本), which any reader of the case's papers
// may print and which carries no 群众评价码, and the service copies (送达本), one per party with that party's code,
// printed by the window that serves the notice (who may: 'notices.read' and 'notices.printServiceCopies' in
// src/auth/permissions.ts).

/** What the file copy prints where a service copy has the party's code. */
export const FILE_COPY_CODE_NOTE = '存档本不印评价码（只印在交给当事人的送达本上）';

/** What a service copy prints for a code the party has already used. */
export const USED_CODE_NOTE = '该当事人已评价，评价码已使用';
