/** The title of the 交纳诉讼费用通知书 (its PDF, fee-notice-pdf.ts, and the file name it is downloaded as). */
export const FEE_NOTICE_TITLE = '交纳诉讼费用通知书';
