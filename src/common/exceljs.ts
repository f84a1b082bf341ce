// exceljs takes the better part of a second to load, and most processes (and most test files) never read or write a
// workbook: it is loaded on first use, once.
import type ExcelJS from 'exceljs';

export type ExcelJSModule = typeof ExcelJS;

let loading: Promise<ExcelJSModule> | undefined;

export function loadExcelJS(): Promise<ExcelJSModule> {
  loading ??= import('exceljs').then((module) => module.default);
  return loading;
}
