// Why a package build failed, in words a clerk can act on, and how often it is tried before the builder gives
// up: a build that keeps failing (a damaged file in the store, say) is FAILED after FILE_PACKAGE_MAX_ATTEMPTS,
// the people who can act on it are told once, and a clerk asks for a rebuild once the cause is dealt with.
import { DocumentRendererBusyError } from '../common/document-renderer.js';

/** Builds tried before a package is marked FAILED (with the back-off, about two hours). */
export const FILE_PACKAGE_MAX_ATTEMPTS = 8;

/** Minutes before a failed build is tried again: 1, 2, 4 … at most an hour. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

/** A stored file whose bytes are not the ones its record names (SHA-256 or size): the ZIP is not written. */
export class PackageEntryMismatchError extends Error {
  constructor(
    readonly entryPath: string,
    actualSha256: string,
    actualBytes: number,
  ) {
    super(`${entryPath}: stored content does not match its SHA-256 (${actualSha256}, ${actualBytes} bytes)`);
    this.name = 'PackageEntryMismatchError';
  }
}

/** The failure as the case page and the notice say it. */
export function failureReason(error: unknown): string {
  if (error instanceof PackageEntryMismatchError) {
    const name = error.entryPath.replace(/^attachments\/\d+-/, '');
    return `材料“${name}”的存储内容与登记的 SHA-256 校验值不符（存储的文件可能已损坏或缺失），请系统管理员核查材料存储`;
  }
  if (error instanceof DocumentRendererBusyError) return '文书生成服务繁忙，未能生成卷宗中的文书';
  return '生成时发生系统错误（详见系统日志），请联系系统管理员';
}
